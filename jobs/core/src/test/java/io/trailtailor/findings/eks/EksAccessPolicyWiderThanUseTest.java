package io.trailtailor.findings.eks;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.rbac.ClusterFixture;
import io.trailtailor.findings.used.K8sRequestUse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EksAccessPolicyWiderThanUseTest {

    @TempDir
    Path dir;

    private static K8sRequestUse get(String role, String resource, String namespace, String reason) {
        return ClusterFixture.request(
                "arn:aws:sts::111122223333:assumed-role/" + role + "/{{SessionName}}",
                List.of("system:authenticated"),
                EksFixture.session(role, "s1"),
                "get",
                "",
                resource,
                namespace,
                null,
                true,
                reason,
                5);
    }

    @Test
    void clusterAdminAtClusterScopeThatOnlyReadPodsInOneNamespaceIsWiderThanViewThere() {
        String admin = EksFixture.roleArn("dev");
        var snapshot = ClusterFixture.snapshot(
                dir,
                EksFixture.associatedPolicy(admin, "AmazonEKSClusterAdminPolicy", null, "2026-01-01T00:00:00+00:00"));
        var ctx = ClusterFixture.context(
                List.of(snapshot),
                List.of(get("dev", "pods", "web", EksFixture.eksReason(admin, "AmazonEKSClusterAdminPolicy"))));

        List<Finding> findings = new EksAccessPolicyWiderThanUse().evaluate(ctx, ClusterFixture.info("TT-EKS-002"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(f.principalArn()).isEqualTo(admin);
            assertThat(f.evidence().facts())
                    .containsEntry("narrowestPolicy", "AmazonEKSViewPolicy")
                    .containsEntry("narrowestScope", "namespace")
                    .containsEntry("usedRequests", 5L);
            assertThat(f.recommendation().patch())
                    .isEqualTo("aws eks associate-access-policy --cluster-name prod --principal-arn " + admin
                            + " --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"
                            + " --access-scope type=namespace,namespaces=web\n"
                            + "aws eks disassociate-access-policy --cluster-name prod --principal-arn " + admin
                            + " --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy\n");
        });
    }

    @Test
    void aPolicyNoNarrowerThanItsUseIsNotReportedAndAnUnusedOldOneIs() {
        String viewer = EksFixture.roleArn("viewer");
        String idle = EksFixture.roleArn("idle");
        String fresh = EksFixture.roleArn("fresh");
        var snapshot = ClusterFixture.snapshot(
                dir,
                EksFixture.associatedPolicy(viewer, "AmazonEKSViewPolicy", "web", "2026-01-01T00:00:00+00:00"),
                EksFixture.associatedPolicy(idle, "AmazonEKSEditPolicy", null, "2026-01-01T00:00:00+00:00"),
                EksFixture.associatedPolicy(fresh, "AmazonEKSEditPolicy", null, "2026-11-12T00:00:00+00:00"));
        var ctx = ClusterFixture.context(List.of(snapshot), List.of(get("viewer", "pods", "web", null)));

        List<Finding> findings = new EksAccessPolicyWiderThanUse().evaluate(ctx, ClusterFixture.info("TT-EKS-002"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.principalArn()).isEqualTo(idle);
            assertThat(f.recommendation().summary())
                    .isEqualTo("Disassociate AmazonEKSEditPolicy: it allowed no request in the window.");
        });
    }
}
