package io.trailtailor.findings.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.FindingsOptions;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.ServiceAccountInfo;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnusedWorkloadIdentityBindingTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/backend";
    private static final RuleInfo INFO = new RuleInfo(
            "TT-WID-005",
            "UNUSED_WORKLOAD_IDENTITY_BINDING",
            Severity.LOW,
            "Unused binding",
            "d",
            List.of(RecommendationKind.DELETE_IDENTITY),
            List.of());

    private static FindingContext context(List<WorkloadSummary> workloads) {
        ClusterSnapshot prod = new ClusterSnapshot(
                "prod",
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(new ServiceAccountInfo("web", "backend", ROLE, null, Instant.parse("2026-01-01T00:00:00Z"))),
                Map.of(),
                List.of());
        UsedSide used = new UsedSide(
                List.of(),
                workloads,
                List.of(),
                List.of(),
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-15T00:00:00Z"));
        return FindingContext.of(
                null, null, null, Map.of("prod", prod), null, used, FindingsOptions.defaults(), Map.of(), Map.of());
    }

    @Test
    void anAnnotationNeverExercisedIsLowWithHighConfidenceOverALongWindow() {
        List<Finding> out = new UnusedWorkloadIdentityBinding().evaluate(context(List.of()), INFO);

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(f.serviceAccount()).isEqualTo("backend");
            assertThat(f.recommendation().summary()).contains("eks.amazonaws.com/role-arn-");
        });
    }

    @Test
    void anAnnotationWhoseWorkloadUsedTheRoleIsSilent() {
        WorkloadSummary backend = new WorkloadSummary(
                "prod", "web", "backend", List.of(Mechanism.IRSA), List.of(ROLE), List.of(), 5, 0, null, null);

        assertThat(new UnusedWorkloadIdentityBinding().evaluate(context(List.of(backend)), INFO))
                .isEmpty();
    }
}
