package io.trailtailor.grants;

import static io.trailtailor.grants.TrustEvaluator.Decision.ALLOWED;
import static io.trailtailor.grants.TrustEvaluator.Decision.EXPLICIT_DENY;
import static io.trailtailor.grants.TrustEvaluator.Decision.IMPLICIT_DENY;
import static io.trailtailor.grants.TrustEvaluator.Decision.UNDETERMINED;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.grants.TrustEvaluator.Decision;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrustEvaluatorTest {

    private static final IamSnapshot SNAPSHOT = Fixtures.snapshot();
    private static final List<String> OBSERVED = List.of(
            "system:serviceaccount:web:backend",
            "system:serviceaccount:web:frontend",
            "system:serviceaccount:webhooks:receiver",
            "system:serviceaccount:batch:worker",
            "system:serviceaccount:nomad:nomad-autoscaler");

    private static TrustPolicy trust(String role) {
        return SNAPSHOT.role(Fixtures.role(role)).orElseThrow().trust();
    }

    private static AssumeRequest service(String service, String action) {
        return new AssumeRequest("Service", service, action, Map.of());
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of(
                        "web-backend",
                        AssumeRequest.webIdentity(
                                Fixtures.PROVIDER, "system:serviceaccount:web:backend", "sts.amazonaws.com"),
                        ALLOWED),
                Arguments.of(
                        "web-backend",
                        AssumeRequest.webIdentity(
                                Fixtures.PROVIDER, "system:serviceaccount:web:frontend", "sts.amazonaws.com"),
                        IMPLICIT_DENY),
                Arguments.of(
                        "web-backend",
                        AssumeRequest.webIdentity(Fixtures.PROVIDER, "system:serviceaccount:web:backend", "other"),
                        IMPLICIT_DENY),
                Arguments.of(
                        "web-backend",
                        AssumeRequest.webIdentity(
                                "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/OTHER",
                                "system:serviceaccount:web:backend",
                                "sts.amazonaws.com"),
                        IMPLICIT_DENY),
                Arguments.of(
                        "web-backend",
                        new AssumeRequest("Federated", Fixtures.PROVIDER, "sts:AssumeRole", Map.of()),
                        IMPLICIT_DENY),
                Arguments.of("orders-pod-identity", service("pods.eks.amazonaws.com", "sts:AssumeRole"), ALLOWED),
                Arguments.of("orders-pod-identity", service("pods.eks.amazonaws.com", "sts:TagSession"), ALLOWED),
                Arguments.of("orders-pod-identity", service("ec2.amazonaws.com", "sts:AssumeRole"), IMPLICIT_DENY),
                Arguments.of("eks-node", service("ec2.amazonaws.com", "sts:AssumeRole"), ALLOWED),
                Arguments.of("eks-node", service("ec2.amazonaws.com", "sts:TagSession"), IMPLICIT_DENY),
                Arguments.of(
                        "ops/ops-power",
                        new AssumeRequest("AWS", "arn:aws:iam::111122223333:user/alice", "sts:AssumeRole", Map.of()),
                        ALLOWED),
                Arguments.of(
                        "ops/ops-power",
                        new AssumeRequest("AWS", "arn:aws:iam::444455556666:user/mallory", "sts:AssumeRole", Map.of()),
                        IMPLICIT_DENY),
                Arguments.of(
                        "ci-deployer",
                        new AssumeRequest(
                                "AWS",
                                "arn:aws:iam::444455556666:role/ci",
                                "sts:AssumeRole",
                                Map.of("sts:externalid", List.of("ci-7f3a"))),
                        ALLOWED),
                Arguments.of(
                        "ci-deployer",
                        new AssumeRequest("AWS", "arn:aws:iam::444455556666:role/ci", "sts:AssumeRole", Map.of()),
                        IMPLICIT_DENY));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("requests")
    void decidesWhoMayAssumeTheRole(String role, AssumeRequest request, Decision expected) {
        assertThat(TrustEvaluator.evaluate(trust(role), request)).isEqualTo(expected);
    }

    @Test
    void aStarInsideStringEqualsIsLiteralSoNoRealSubjectMatches() {
        WebIdentityTrust t = WebIdentityTrust.of(trust("nomad-autoscaler")).get(0);
        assertThat(t.literalWildcardSubjects()).containsExactly("system:serviceaccount:*:nomad-autoscaler");
        assertThat(t.wildcardSubjectPatterns()).isEmpty();
        assertThat(t.subjectNeverMatches()).isTrue();
        assertThat(WebIdentityTrust.admittedSubjects(trust("nomad-autoscaler"), Fixtures.PROVIDER, OBSERVED))
                .isEmpty();
    }

    @Test
    void aStringLikeWildcardSubjectAdmitsExactlyTheMatchingObservedSubjects() {
        WebIdentityTrust t = WebIdentityTrust.of(trust("web-shared")).get(0);
        assertThat(t.wildcardSubjectPatterns()).containsExactly("system:serviceaccount:web:*");
        assertThat(t.subjectNeverMatches()).isFalse();
        assertThat(WebIdentityTrust.admittedSubjects(trust("web-shared"), Fixtures.PROVIDER, OBSERVED))
                .containsExactly("system:serviceaccount:web:backend", "system:serviceaccount:web:frontend");
    }

    @Test
    void reportsWhetherSubAndAudAreConstrained() {
        WebIdentityTrust scoped = WebIdentityTrust.of(trust("web-backend")).get(0);
        assertThat(scoped.isEksIssuer()).isTrue();
        assertThat(scoped.issuer()).isEqualTo(Fixtures.ISSUER);
        assertThat(scoped.hasSubCondition()).isTrue();
        assertThat(scoped.hasAudCondition()).isTrue();
        WebIdentityTrust open = WebIdentityTrust.of(trust("any-sa")).get(0);
        assertThat(open.hasSubCondition()).isFalse();
        assertThat(open.hasAudCondition()).isTrue();
        assertThat(WebIdentityTrust.admittedSubjects(trust("any-sa"), Fixtures.PROVIDER, OBSERVED))
                .containsExactlyElementsOf(OBSERVED);
        assertThat(WebIdentityTrust.of(trust("orders-pod-identity"))).isEmpty();
        assertThat(WebIdentityTrust.issuerFromUrl("https://" + Fixtures.ISSUER)).isEqualTo(Fixtures.ISSUER);
    }

    @Test
    void anExplicitDenyWinsAndAnUnknownOperatorIsUndetermined() {
        TrustPolicy p = TrustPolicy.fromJson("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"sts:AssumeRole\"},{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":\"sts:*\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-1\"}}}]}");
        AssumeRequest outsider = new AssumeRequest(
                "AWS",
                "arn:aws:iam::999999999999:role/x",
                "sts:AssumeRole",
                Map.of("aws:PrincipalOrgID", List.of("o-2")));
        AssumeRequest insider = new AssumeRequest(
                "AWS",
                "arn:aws:iam::999999999999:role/x",
                "sts:AssumeRole",
                Map.of("aws:PrincipalOrgID", List.of("o-1")));
        assertThat(TrustEvaluator.evaluate(p, outsider)).isEqualTo(EXPLICIT_DENY);
        assertThat(TrustEvaluator.evaluate(p, insider)).isEqualTo(ALLOWED);
        TrustPolicy ip = TrustPolicy.fromJson(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"999999999999\"},"
                        + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}}");
        assertThat(TrustEvaluator.evaluate(ip, insider)).isEqualTo(UNDETERMINED);
    }

    @Test
    void aPodIdentityTrustIsUnscopedUntilItConditionsOnTheSessionTagsOrTheSourceAccount() {
        PodIdentityTrust open =
                PodIdentityTrust.of(trust("orders-pod-identity")).get(0);
        assertThat(open.allowsTagSession()).isTrue();
        assertThat(open.scoped()).isFalse();
        TrustPolicy scopedPolicy = TrustPolicy.fromJson("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],"
                + "\"Condition\":{\"StringEquals\":{\"aws:RequestTag/kubernetes-namespace\":\"orders\","
                + "\"AWS:SourceAccount\":\"111122223333\"}}}]}");
        PodIdentityTrust scoped = PodIdentityTrust.of(scopedPolicy).get(0);
        assertThat(scoped.scopingKeys()).containsExactly("aws:requesttag/kubernetes-namespace", "aws:sourceaccount");
        String cluster = "arn:aws:eks:eu-west-1:111122223333:cluster/prod";
        assertThat(TrustEvaluator.evaluate(
                        scopedPolicy, PodIdentityTrust.request(cluster, "orders", "orders-api", "111122223333")))
                .isEqualTo(ALLOWED);
        assertThat(TrustEvaluator.evaluate(
                        scopedPolicy, PodIdentityTrust.request(cluster, "web", "backend", "111122223333")))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(PodIdentityTrust.of(trust("eks-node"))).isEmpty();
    }
}
