package io.trailtailor.findings.eks;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.rbac.ClusterFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemMastersMappingTest {

    @TempDir
    Path dir;

    @Test
    void reportsTheAwsAuthMappingToSystemMastersWithWhatItDidAndTheNarrowestAccessPolicy() {
        var snapshot = ClusterFixture.snapshot(dir, EksFixture.awsAuth());
        var own = ClusterFixture.request(
                "ops-admin:alice",
                List.of("system:masters", "system:authenticated"),
                EksFixture.session("ops-admin", "alice"),
                "get",
                "",
                "pods",
                "web",
                "api-0",
                true,
                "",
                9);
        var other = ClusterFixture.request(
                "dev",
                List.of("developers"),
                "arn:aws:iam::111122223333:user/dev",
                "get",
                "",
                "secrets",
                "web",
                null,
                true,
                null,
                2);
        var ctx = ClusterFixture.context(
                List.of(snapshot),
                List.of(own, other),
                List.of(),
                null,
                Map.of(),
                Map.of("prod/" + EksFixture.roleArn("ops-admin"), "rbac/prod/role.111122223333.ops-admin.yaml"));

        List<Finding> findings = new SystemMastersMapping().evaluate(ctx, ClusterFixture.info("TT-EKS-001"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.principalArn()).isEqualTo(EksFixture.roleArn("ops-admin"));
            assertThat(f.cluster()).isEqualTo("prod");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(f.grant()).isEqualTo("ConfigMap/kube-system/aws-auth#map_roles");
            assertThat(f.evidence().used()).singleElement().satisfies(u -> {
                assertThat(u.action()).isEqualTo("get pods");
                assertThat(u.resource()).isEqualTo("web/api-0");
                assertThat(u.count()).isEqualTo(9);
            });
            assertThat(f.evidence().facts()).containsEntry("narrowestAccessPolicy", "AmazonEKSViewPolicy");
            assertThat(f.recommendation().kind()).isEqualTo(RecommendationKind.REPLACE_RBAC);
            assertThat(f.recommendation().summary()).contains("AmazonEKSViewPolicy at namespace scope (web)");
            assertThat(f.recommendation().file()).isEqualTo("rbac/prod/role.111122223333.ops-admin.yaml");
            assertThat(f.recommendation().patch()).contains("kind: Role\n").contains("namespace: web");
        });
    }

    @Test
    void anAccessEntryWithoutSystemMastersIsNotReportedAndOneWithItIs() {
        var snapshot = ClusterFixture.snapshot(
                dir,
                EksFixture.accessEntry(EksFixture.roleArn("ci"), "[\"deployers\"]"),
                EksFixture.accessEntry(EksFixture.roleArn("break-glass"), "[\"system:masters\"]"));
        var ctx = ClusterFixture.context(List.of(snapshot), List.of());

        List<Finding> findings = new SystemMastersMapping().evaluate(ctx, ClusterFixture.info("TT-EKS-001"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.principalArn()).isEqualTo(EksFixture.roleArn("break-glass"));
            assertThat(f.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(f.recommendation().summary()).contains("made no allowed request");
            assertThat(f.recommendation().patch()).isNull();
        });
    }
}
