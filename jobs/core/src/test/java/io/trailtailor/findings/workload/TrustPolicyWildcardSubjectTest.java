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

class TrustPolicyWildcardSubjectTest {

    private static final String ISSUER = WorkloadRuleFixture.ISSUER;
    private static final String ROLE = WorkloadRuleFixture.ROLE;
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
        WorkloadSummary backend = new WorkloadSummary(
                "prod", "web", "backend", List.of(Mechanism.IRSA), List.of(ROLE), List.of(), 5, 0, null, null);
        return WorkloadRuleFixture.context(
                dir, WorkloadRuleFixture.webIdentityTrust(condition), List.of(), List.of(backend));
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
