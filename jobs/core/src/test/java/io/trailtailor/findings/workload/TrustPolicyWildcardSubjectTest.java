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

class TrustPolicyWildcardSubjectTest {

    private static final String ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    private static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/" + ISSUER;
    private static final String ROLE = "arn:aws:iam::111122223333:role/backend";
    private static final RuleInfo INFO = new RuleInfo(
            "TT-WID-002",
            "TRUST_POLICY_WILDCARD_SUBJECT",
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
                   "Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity"%s}]},
                 "InstanceProfileList":[],"RolePolicyList":[],"AttachedManagedPolicies":[],"Tags":[]}],
                 "UserDetailList":[],"GroupDetailList":[],"Policies":[]}
                """.formatted(ROLE, PROVIDER, condition);
        Path f = dir.resolve("gaad.json");
        Files.writeString(f, json);
        WorkloadSummary backend = new WorkloadSummary(
                "prod", "web", "backend", List.of(Mechanism.IRSA), List.of(ROLE), List.of(), 5, 0, null, null);
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

    private static String cond(String op, String sub) {
        return ",\"Condition\":{\"" + op + "\":{\"" + ISSUER + ":sub\":\"" + sub + "\",\"" + ISSUER
                + ":aud\":\"sts.amazonaws.com\"}}";
    }

    @Test
    void aStringLikeWildcardIsHighAndNarrowedToTheSubjectsActuallySeen() throws IOException {
        List<Finding> out = new TrustPolicyWildcardSubject()
                .evaluate(context(cond("StringLike", "system:serviceaccount:web:*")), INFO);

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.evidence().facts())
                    .containsEntry("subjectPatterns", List.of("system:serviceaccount:web:*"))
                    .containsEntry("subjectsSeen", List.of("system:serviceaccount:web:backend"));
            assertThat(f.recommendation().patch())
                    .contains(
                            "\"StringEquals\"",
                            "\"" + ISSUER + ":sub\" : [ \"system:serviceaccount:web:backend\" ]",
                            "\"" + ISSUER + ":aud\" : \"sts.amazonaws.com\"")
                    .doesNotContain("StringLike");
        });
    }

    @Test
    void aStarInsideStringEqualsNeverMatchesAndIsInfo() throws IOException {
        List<Finding> out = new TrustPolicyWildcardSubject()
                .evaluate(context(cond("StringEquals", "system:serviceaccount:web:*")), INFO);

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.evidence().facts()).containsEntry("neverMatches", true);
            assertThat(f.evidence().facts()).containsEntry("subjectsSeen", List.of());
        });
    }

    @Test
    void anExactSubjectIsSilent() throws IOException {
        assertThat(new TrustPolicyWildcardSubject()
                        .evaluate(context(cond("StringEquals", "system:serviceaccount:web:backend")), INFO))
                .isEmpty();
    }
}
