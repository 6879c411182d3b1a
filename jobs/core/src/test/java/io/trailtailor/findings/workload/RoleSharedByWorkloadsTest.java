package io.trailtailor.findings.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.FindingsOptions;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.grants.IamSnapshotReader;
import io.trailtailor.grants.ManagedPolicies;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleSharedByWorkloadsTest {

    private static final String ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    private static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/" + ISSUER;
    private static final String ROLE = "arn:aws:iam::111122223333:role/backend";
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
        String json = """
                {"RoleDetailList":[{"Path":"/","RoleName":"backend","Arn":"%s",
                 "CreateDate":"2026-01-01T00:00:00+00:00",
                 "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                   "Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity"%s}]},
                 "InstanceProfileList":[],"RolePolicyList":[],"AttachedManagedPolicies":[],"Tags":[]}],
                 "UserDetailList":[],"GroupDetailList":[],"Policies":[]}
                """.formatted(ROLE, PROVIDER, condition);
        Path f = dir.resolve("gaad.json");
        Files.writeString(f, json);
        WorkloadSummary backend = new WorkloadSummary(
                "prod", "web", "backend", List.of(Mechanism.IRSA), List.of(ROLE), List.of(), 5, 0, null, null);
        WorkloadSummary worker = new WorkloadSummary(
                "prod", "jobs", "worker", List.of(Mechanism.IRSA), List.of(ROLE), List.of(), 5, 0, null, null);
        UsedSide used = new UsedSide(
                List.of(call("web", "backend", "s3:GetObject"), call("jobs", "worker", workerAction)),
                List.of(backend, worker),
                List.of(),
                List.of(),
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-15T00:00:00Z"));
        return FindingContext.of(
                IamCatalog.loadDefault(),
                IamSnapshotReader.read(f),
                ManagedPolicies.loadDefault(),
                Map.of(),
                null,
                used,
                FindingsOptions.defaults(),
                Map.of(),
                Map.of());
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
