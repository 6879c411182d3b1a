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

class AnonymousBindingTest {

    @TempDir
    Path dir;

    @Test
    void reportsABindingToAnonymousBeyondPublicInfoViewerWithTheRequestsThatCameThroughIt() {
        var anonymous = ClusterFixture.request(
                "system:anonymous",
                List.of("system:unauthenticated"),
                null,
                "list",
                "",
                "pods",
                null,
                null,
                true,
                "RBAC: allowed by ClusterRoleBinding \"anon-view\" of ClusterRole \"pod-reader\" to User"
                        + " \"system:anonymous\"",
                12);
        var ctx = ClusterFixture.context(List.of(Scenario.snapshot(dir)), List.of(anonymous));

        List<Finding> findings = new AnonymousBinding().evaluate(ctx, ClusterFixture.info("TT-RBAC-006"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.grant()).isEqualTo("ClusterRoleBinding/anon-view");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(f.system()).isFalse();
            assertThat(f.recommendation().kind()).isEqualTo(RecommendationKind.DELETE_BINDING);
            assertThat(f.evidence().facts()).containsEntry("requestsThroughIt", 12L);
            assertThat(f.evidence().used())
                    .singleElement()
                    .satisfies(u -> assertThat(u.count()).isEqualTo(12));
        });
    }

    @Test
    void theDefaultPublicInfoViewerBindingIsNotReported() {
        String rbac = ClusterFixture.list(ClusterFixture.clusterRoleBinding(
                "system:public-info-viewer",
                "system:public-info-viewer",
                ClusterFixture.OLD,
                ClusterFixture.group("system:unauthenticated")));
        var ctx = ClusterFixture.context(List.of(ClusterFixture.snapshot(dir, rbac)), List.of());

        assertThat(new AnonymousBinding().evaluate(ctx, ClusterFixture.info("TT-RBAC-006")))
                .isEmpty();
    }
}
