package io.trailtailor.findings.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterAdminBoundTest {

    @TempDir
    Path dir;

    @Test
    void reportsClusterAdminBoundToAUserWithRbacSizedToWhatItDidAndLeavesSystemMastersOut() {
        var ctx = ClusterFixture.context(List.of(Scenario.snapshot(dir)), Scenario.requests());

        List<Finding> findings = new ClusterAdminBound().evaluate(ctx, ClusterFixture.info("TT-RBAC-003"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.grant()).isEqualTo("ClusterRoleBinding/admins#alice");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(f.system()).isFalse();
            assertThat(f.recommendation().kind()).isEqualTo(RecommendationKind.REPLACE_RBAC);
            assertThat(f.recommendation().patchFormat()).isEqualTo("yaml");
            assertThat(f.recommendation().patch())
                    .contains("kind: Role\n")
                    .contains("namespace: default")
                    .contains("- pods")
                    .contains("- get")
                    .doesNotContain("'*'");
            assertThat(f.evidence().used()).extracting(u -> u.action()).containsExactly("get pods");
        });
    }

    @Test
    void aWildcardRuleInAnotherRoleIsAdminEquivalentToo() {
        String rbac = ClusterFixture.list(
                ClusterFixture.role("web", "all", ClusterFixture.OLD, ClusterFixture.rule("*", "*", "*")),
                ClusterFixture.roleBinding(
                        "web", "all", "Role", "all", ClusterFixture.OLD, ClusterFixture.serviceAccount("web", "ci")),
                ClusterFixture.role("web", "most", ClusterFixture.OLD, ClusterFixture.rule("apps", "*", "*")),
                ClusterFixture.roleBinding(
                        "web", "most", "Role", "most", ClusterFixture.OLD, ClusterFixture.serviceAccount("web", "cd")));
        var ctx = ClusterFixture.context(List.of(ClusterFixture.snapshot(dir, rbac)), List.of());

        List<Finding> findings = new ClusterAdminBound().evaluate(ctx, ClusterFixture.info("TT-RBAC-003"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.grant()).isEqualTo("RoleBinding/web/all#system:serviceaccount:web:ci");
            assertThat(f.serviceAccount()).isEqualTo("ci");
            assertThat(f.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(f.recommendation().patch()).isNull();
        });
    }
}
