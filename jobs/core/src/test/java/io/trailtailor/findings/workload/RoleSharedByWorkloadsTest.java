package io.trailtailor.findings.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleSharedByWorkloadsTest {

    private static final String ROLE = WorkloadRuleFixture.ROLE;
    private static final RuleInfo INFO = new RuleInfo(
            "TT-WID-003",
            "ROLE_SHARED_BY_WORKLOADS",
            Severity.CRITICAL,
            "IRSA trust missing sub",
            "d",
            List.of(RecommendationKind.SCOPE_TRUST),
            List.of());

    @TempDir
    Path dir;

    private FindingContext context(String condition, String workerAction) throws IOException {
        WorkloadSummary backend = new WorkloadSummary(
                "prod", "web", "backend", List.of(Mechanism.IRSA), List.of(ROLE), List.of(), 5, 0, null, null);
        WorkloadSummary worker = new WorkloadSummary(
                "prod", "jobs", "worker", List.of(Mechanism.IRSA), List.of(ROLE), List.of(), 5, 0, null, null);
        return WorkloadRuleFixture.context(
                dir,
                WorkloadRuleFixture.webIdentityTrust(condition),
                List.of(call("web", "backend", "s3:GetObject"), call("jobs", "worker", workerAction)),
                List.of(backend, worker));
    }

    private static UsedAction call(String ns, String sa, String action) {
        return new UsedAction(
                UsedAction.WORKLOAD,
                "prod/" + ns + "/" + sa,
                "prod",
                ns,
                sa,
                action,
                "*",
                false,
                2,
                Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-03T00:00:00Z"),
                List.of("e1"),
                List.of());
    }

    @Test
    void twoWorkloadsWithDifferentUseAreToldToSplitTheRole() throws IOException {
        List<Finding> out = new RoleSharedByWorkloads().evaluate(context("", "sqs:SendMessage"), INFO);

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.actions()).containsExactly("s3:GetObject", "sqs:SendMessage");
            assertThat(f.recommendation().kind()).isEqualTo(RecommendationKind.SPLIT_ROLE);
            assertThat(f.recommendation().patch())
                    .isEqualTo("prod/jobs/worker: sqs:SendMessage\nprod/web/backend: s3:GetObject\n");
        });
    }

    @Test
    void workloadsWithTheSameUseAreSilent() throws IOException {
        assertThat(new RoleSharedByWorkloads().evaluate(context("", "s3:GetObject"), INFO))
                .isEmpty();
    }
}
