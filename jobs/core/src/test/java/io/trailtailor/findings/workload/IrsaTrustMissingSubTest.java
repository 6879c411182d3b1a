package io.trailtailor.findings.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrsaTrustMissingSubTest {

    private static final String ISSUER = WorkloadRuleFixture.ISSUER;
    private static final String ROLE = WorkloadRuleFixture.ROLE;
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
        WorkloadSummary backend = new WorkloadSummary(
                "prod", "web", "backend", List.of(Mechanism.IRSA), List.of(ROLE), List.of(), 5, 0, null, null);
        return WorkloadRuleFixture.context(
                dir, WorkloadRuleFixture.webIdentityTrust(condition), List.of(), List.of(backend));
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
