package io.trailtailor.findings.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.FindingsOptions;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
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

class PodIdentityTrustUnscopedTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/backend";
    private static final RuleInfo INFO = new RuleInfo(
            "TT-WID-004",
            "POD_IDENTITY_TRUST_UNSCOPED",
            Severity.CRITICAL,
            "IRSA trust missing sub",
            "d",
            List.of(RecommendationKind.SCOPE_TRUST),
            List.of());

    @TempDir
    Path dir;

    private FindingContext context(String condition) throws IOException {
        String json = """
                {"RoleDetailList":[{"Path":"/","RoleName":"backend","Arn":"%s",
                 "CreateDate":"2026-01-01T00:00:00+00:00",
                 "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                   "Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]%s}]},
                 "InstanceProfileList":[],"RolePolicyList":[],"AttachedManagedPolicies":[],"Tags":[]}],
                 "UserDetailList":[],"GroupDetailList":[],"Policies":[]}
                """.formatted(ROLE, condition);
        Path f = dir.resolve("gaad.json");
        Files.writeString(f, json);
        WorkloadSummary backend = new WorkloadSummary(
                "prod", "web", "backend", List.of(Mechanism.POD_IDENTITY), List.of(ROLE), List.of(), 5, 0, null, null);
        UsedSide used = new UsedSide(
                List.of(),
                List.of(backend),
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

    @Test
    void anUnscopedPodIdentityTrustIsMediumWithTheObservedTagValues() throws IOException {
        List<Finding> out = new PodIdentityTrustUnscoped().evaluate(context(""), INFO);

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.evidence().facts())
                    .containsEntry("namespaces", List.of("web"))
                    .containsEntry("serviceAccounts", List.of("backend"));
            assertThat(f.recommendation().patch())
                    .contains(
                            "\"aws:SourceAccount\" : \"111122223333\"",
                            "\"aws:RequestTag/kubernetes-namespace\" : [ \"web\" ]",
                            "\"aws:RequestTag/kubernetes-service-account\" : [ \"backend\" ]");
        });
    }

    @Test
    void aTrustConditionedOnTheNamespaceTagIsSilent() throws IOException {
        String cond = ",\"Condition\":{\"StringEquals\":{\"aws:RequestTag/kubernetes-namespace\":\"web\"}}";

        assertThat(new PodIdentityTrustUnscoped().evaluate(context(cond), INFO)).isEmpty();
    }
}
