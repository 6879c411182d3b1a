package io.trailtailor.findings.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbacUnusedGrantsTest {

    @TempDir
    Path dir;

    @Test
    void listsPerSubjectTheSingleGrantsNoAllowedRequestExercised() {
        var ctx = ClusterFixture.context(
                List.of(Scenario.snapshot(dir)),
                Scenario.requests(),
                List.of(),
                null,
                Map.of(),
                Map.of("prod/system:serviceaccount:web:backend", "rbac/prod/sa.web.backend.yaml"));

        List<Finding> findings = new RbacUnusedGrants().evaluate(ctx, ClusterFixture.info("TT-RBAC-002"));

        assertThat(findings)
                .extracting(Finding::grant, Finding::actions, Finding::severity, Finding::confidence, Finding::system)
                .containsExactly(
                        tuple("subject:group:ops", List.of("list pods"), Severity.LOW, Confidence.HIGH, false),
                        tuple(
                                "subject:system:serviceaccount:web:backend",
                                List.of("create pods/exec in web"),
                                Severity.MEDIUM,
                                Confidence.HIGH,
                                false),
                        tuple("subject:bob", List.of("get pods", "list pods"), Severity.LOW, Confidence.LOW, false),
                        tuple("subject:group:system:masters", List.of("* */*"), Severity.MEDIUM, Confidence.HIGH, true),
                        tuple(
                                "subject:system:anonymous",
                                List.of("get pods", "list pods"),
                                Severity.LOW,
                                Confidence.HIGH,
                                false));
        Finding backend = findings.get(1);
        assertThat(backend.serviceAccount()).isEqualTo("backend");
        assertThat(backend.namespace()).isEqualTo("web");
        assertThat(backend.recommendation().file()).isEqualTo("rbac/prod/sa.web.backend.yaml");
        assertThat(backend.recommendation().patch()).isEqualTo("- create pods/exec in web\n  get configmaps in web\n");
        assertThat(backend.evidence().used()).singleElement().satisfies(u -> {
            assertThat(u.action()).isEqualTo("get configmaps");
            assertThat(u.count()).isEqualTo(3);
        });
    }

    @Test
    void aSubjectThatUsedEverythingItHoldsHasNoFinding() {
        var ctx = ClusterFixture.context(List.of(Scenario.snapshot(dir)), Scenario.requests());

        List<Finding> findings = new RbacUnusedGrants().evaluate(ctx, ClusterFixture.info("TT-RBAC-002"));

        assertThat(findings).extracting(Finding::grant).doesNotContain("subject:alice");
    }
}
