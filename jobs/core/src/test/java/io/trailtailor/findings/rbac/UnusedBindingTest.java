package io.trailtailor.findings.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnusedBindingTest {

    @TempDir
    Path dir;

    @Test
    void reportsEveryOldBindingNoAllowedReasonNamesAndSkipsTheOneCreatedInsideTheWindow() {
        var ctx = ClusterFixture.context(List.of(Scenario.snapshot(dir)), Scenario.requests());

        List<Finding> findings = new UnusedBinding().evaluate(ctx, ClusterFixture.info("TT-RBAC-001"));

        assertThat(findings)
                .extracting(Finding::grant, Finding::system, Finding::severity, Finding::confidence)
                .containsExactly(
                        tuple("ClusterRoleBinding/cluster-admin", true, Severity.MEDIUM, Confidence.HIGH),
                        tuple("ClusterRoleBinding/anon-view", false, Severity.MEDIUM, Confidence.HIGH),
                        tuple("ClusterRoleBinding/system:public-info-viewer", true, Severity.MEDIUM, Confidence.HIGH));
        assertThat(findings.get(1).recommendation().kind()).isEqualTo(RecommendationKind.DELETE_BINDING);
        assertThat(findings.get(1).recommendation().patch()).isEqualTo("kubectl delete clusterrolebinding anon-view");
        assertThat(findings.get(1).rule()).isEqualTo("TT-RBAC-001");
        assertThat(findings.get(1).type()).isEqualTo("UNUSED_BINDING");
    }

    @Test
    void aDeniedRequestNamingNoBindingDoesNotCountAsUse() {
        var denied = ClusterFixture.request(
                "system:anonymous", List.of(), null, "get", "", "pods", "web", null, false, null, 4);
        var ctx = ClusterFixture.context(List.of(Scenario.snapshot(dir)), List.of(denied));

        List<Finding> findings = new UnusedBinding().evaluate(ctx, ClusterFixture.info("TT-RBAC-001"));

        assertThat(findings).extracting(Finding::grant).contains("ClusterRoleBinding/readers", "RoleBinding/web/app");
    }

    @Test
    void saysNothingForAClusterWithoutAuditInTheInput() {
        var ctx = ClusterFixture.context(List.of(Scenario.snapshot(dir)), List.of());

        assertThat(new UnusedBinding().evaluate(ctx, ClusterFixture.info("TT-RBAC-001")))
                .isEmpty();
    }
}
