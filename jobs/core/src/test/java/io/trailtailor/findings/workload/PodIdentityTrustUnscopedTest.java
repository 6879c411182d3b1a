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

class PodIdentityTrustUnscopedTest {

    private static final String ROLE = WorkloadRuleFixture.ROLE;
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
        WorkloadSummary backend = new WorkloadSummary(
                "prod", "web", "backend", List.of(Mechanism.POD_IDENTITY), List.of(ROLE), List.of(), 5, 0, null, null);
        String trust = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]" + condition + "}";
        return WorkloadRuleFixture.context(dir, trust, List.of(), List.of(backend));
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
