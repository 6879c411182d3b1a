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

class AutomountUnusedTokenTest {

    @TempDir
    Path dir;

    @Test
    void reportsServiceAccountsThatMountATokenAndNeverCallTheApiServer() {
        var ctx = ClusterFixture.context(List.of(Scenario.snapshot(dir)), Scenario.requests());

        List<Finding> findings = new AutomountUnusedToken().evaluate(ctx, ClusterFixture.info("TT-RBAC-005"));

        // backend calls the API server; off sets automountServiceAccountToken: false.
        assertThat(findings)
                .extracting(Finding::serviceAccount, Finding::severity, Finding::confidence)
                .containsExactly(
                        tuple("idle", Severity.LOW, Confidence.HIGH), tuple("quiet", Severity.LOW, Confidence.HIGH));
        Finding idle = findings.get(0);
        assertThat(idle.recommendation().kind()).isEqualTo(RecommendationKind.SET_AUTOMOUNT_FALSE);
        assertThat(idle.recommendation().patch())
                .isEqualTo("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: idle\n  namespace: web\n"
                        + "automountServiceAccountToken: false\n");
        assertThat(idle.evidence().facts())
                .containsEntry("irsaRoleArn", "arn:aws:iam::111122223333:role/web-idle")
                .containsEntry("automountTokenSetting", "unset (true)");
        assertThat(idle.detail()).contains("separate projected token");
        assertThat(findings.get(1).detail()).doesNotContain("projected");
    }

    @Test
    void aDeniedRequestStillShowsTheTokenIsUsed() {
        var denied = ClusterFixture.request(
                "system:serviceaccount:web:idle", List.of(), null, "list", "", "secrets", "web", null, false, null, 1);
        var ctx = ClusterFixture.context(List.of(Scenario.snapshot(dir)), List.of(denied));

        List<Finding> findings = new AutomountUnusedToken().evaluate(ctx, ClusterFixture.info("TT-RBAC-005"));

        assertThat(findings).extracting(Finding::serviceAccount).containsExactly("backend", "quiet");
    }

    @Test
    void saysNothingWithoutAudit() {
        var ctx = ClusterFixture.context(List.of(Scenario.snapshot(dir)), List.of());

        assertThat(new AutomountUnusedToken().evaluate(ctx, ClusterFixture.info("TT-RBAC-005")))
                .isEmpty();
    }
}
