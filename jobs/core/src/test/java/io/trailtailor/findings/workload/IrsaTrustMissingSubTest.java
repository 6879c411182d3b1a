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

class IrsaTrustMissingSubTest {

    private static final String ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    private static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/" + ISSUER;
    private static final String ROLE = "arn:aws:iam::111122223333:role/backend";
    private static final RuleInfo INFO = new RuleInfo(
            "TT-WID-001",
            "IRSA_TRUST_MISSING_SUB",
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

    @Test
    void aTrustWithoutSubIsCriticalAndScopedToTheServiceAccountsSeen() throws IOException {
        List<Finding> out = new IrsaTrustMissingSub().evaluate(context(""), INFO);

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.principalArn()).isEqualTo(ROLE);
            assertThat(f.evidence().facts())
                    .containsEntry("subjectsSeen", List.of("system:serviceaccount:web:backend"));
            assertThat(f.recommendation().kind()).isEqualTo(RecommendationKind.SCOPE_TRUST);
            assertThat(f.recommendation().patch())
                    .contains(
                            "\"" + ISSUER + ":sub\" : [ \"system:serviceaccount:web:backend\" ]",
                            "\"" + ISSUER + ":aud\" : \"sts.amazonaws.com\"");
        });
    }

    @Test
    void aTrustWithSubButNoAudIsLow() throws IOException {
        String cond =
                ",\"Condition\":{\"StringEquals\":{\"" + ISSUER + ":sub\":\"system:serviceaccount:web:backend\"}}";

        assertThat(new IrsaTrustMissingSub().evaluate(context(cond), INFO))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void aTrustWithSubAndAudIsSilent() throws IOException {
        String cond = ",\"Condition\":{\"StringEquals\":{\"" + ISSUER + ":sub\":\"system:serviceaccount:web:backend\","
                + "\"" + ISSUER + ":aud\":\"sts.amazonaws.com\"}}";

        assertThat(new IrsaTrustMissingSub().evaluate(context(cond), INFO)).isEmpty();
    }
}
