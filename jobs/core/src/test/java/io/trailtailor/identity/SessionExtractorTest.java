package io.trailtailor.identity;

import static io.trailtailor.identity.EventJson.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.event.ApiCall;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionExtractorTest {

    private final ClusterDirectory clusters = new ClusterDirectory()
            .add("prod-west", "https://oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            .add("eksworkshop-eksctl", "https://oidc.eks.us-west-2.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128");
    private final SessionExtractor extractor = new SessionExtractor(clusters);

    static Stream<Arguments> issuingEvents() {
        return Stream.of(
                Arguments.of(
                        "sts-assume-role-with-web-identity-irsa.json",
                        "ASIAIRSAEXAMPLE00001",
                        Mechanism.IRSA,
                        "arn:aws:iam::012345678901:role/kube-sa-role",
                        "prod-west",
                        "kube-namespace",
                        "kube-sa",
                        null,
                        "eks:prod-west/kube-namespace/kube-sa"),
                Arguments.of(
                        "sts-assume-role-pod-identity.json",
                        "ASIA37QFXJP5MQOWRZ6Q",
                        Mechanism.POD_IDENTITY,
                        "arn:aws:iam::823571991546:role/eks-pod-s3-read-access-role",
                        "eksworkshop-eksctl",
                        "ns-a",
                        "sa1",
                        "0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012",
                        "eks:eksworkshop-eksctl/ns-a/sa1"),
                Arguments.of(
                        "sts-assume-role-instance-profile.json",
                        "ASIA5FLZVX4OLY6BJN4L",
                        Mechanism.INSTANCE_PROFILE,
                        "arn:aws:iam::123456789123:role/MordorLogCollectorStack-LogCollectorRole-1JJTG88NNY4KN",
                        null,
                        null,
                        null,
                        null,
                        "ec2:i-044b1baf4c96e1b62"),
                Arguments.of(
                        "sts-assume-role-with-web-identity-github.json",
                        "ASIAGHAEXAMPLE000001",
                        Mechanism.WEB_IDENTITY,
                        "arn:aws:iam::012345678901:role/gha-deploy",
                        null,
                        null,
                        null,
                        null,
                        "token.actions.githubusercontent.com:repo:acme/infra:ref:refs/heads/main"),
                Arguments.of(
                        "sts-assume-role-chained-from-pod-identity.json",
                        "ASIACHAINEXAMPLE0001",
                        Mechanism.ROLE_CHAIN,
                        "arn:aws:iam::999988887777:role/reports-writer",
                        null,
                        null,
                        null,
                        null,
                        "arn:aws:sts::823571991546:assumed-role/eks-pod-s3-read-access-role/eks-eksworksho-app1-498124c2-a555-40bf-9059-ca9a26821eb0"),
                Arguments.of(
                        "sts-assume-role-with-saml.json",
                        "ASIASAMLEXAMPLE00001",
                        Mechanism.SAML,
                        "arn:aws:iam::012345678901:role/Okta-Admin",
                        null,
                        null,
                        null,
                        null,
                        "saml:alice@example.com"),
                Arguments.of(
                        "sts-get-session-token-iam-user.json",
                        "ASIAUSERSESSION00001",
                        Mechanism.IAM_USER,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "arn:aws:iam::012345678901:user/ci-bot"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("issuingEvents")
    void issuingEventsYieldTheSessionKeyedByTheMintedAccessKey(
            String fixture,
            String key,
            Mechanism mechanism,
            String roleArn,
            String cluster,
            String namespace,
            String serviceAccount,
            String podUid,
            String root) {
        CredentialSession s = extractor.fromIssuingEvent(call(fixture)).orElseThrow();

        assertThat(s.accessKeyId()).isEqualTo(key);
        assertThat(s.mechanism()).isEqualTo(mechanism);
        assertThat(s.roleArn()).isEqualTo(roleArn);
        assertThat(s.cluster()).isEqualTo(cluster);
        assertThat(s.namespace()).isEqualTo(namespace);
        assertThat(s.serviceAccount()).isEqualTo(serviceAccount);
        assertThat(s.podUid()).isEqualTo(podUid);
        assertThat(s.rootPrincipal()).isEqualTo(root);
        assertThat(s.issuerInWindow()).isTrue();
        assertThat(s.issuingEventId()).isNotNull();
    }

    @Test
    void podIdentitySessionCarriesPodNameExpiryAndSessionArnFromTheAssumeRoleEvent() {
        CredentialSession s = extractor
                .fromIssuingEvent(call("sts-assume-role-pod-identity.json"))
                .orElseThrow();

        assertThat(s.podName()).isEqualTo("app1");
        assertThat(s.issuedAt()).isEqualTo(Instant.parse("2024-04-16T09:20:04Z"));
        assertThat(s.expiresAt()).isEqualTo(Instant.parse("2024-04-16T15:20:04Z"));
        assertThat(s.sessionName()).isEqualTo("eks-eksworksho-app1-498124c2-a555-40bf-9059-ca9a26821eb0");
        assertThat(s.sessionArn())
                .isEqualTo("arn:aws:sts::823571991546:assumed-role/eks-pod-s3-read-access-role/"
                        + "eks-eksworksho-app1-498124c2-a555-40bf-9059-ca9a26821eb0");
        assertThat(s.accountId()).isEqualTo("823571991546");
        assertThat(s.issuingEventId()).isEqualTo("7b7e4636-4713-3d04-b86a-cd6774cdbae9");
    }

    @Test
    void podIdentityWithSessionTagsDisabledFallsBackToTheSessionName() {
        ObjectNode record = (ObjectNode) EventJson.fixture("sts-assume-role-pod-identity.json");
        ObjectNode params = (ObjectNode) record.get("requestParameters");
        params.remove("tags");
        params.remove("transitiveTagKeys");

        CredentialSession s =
                extractor.fromIssuingEvent(EventJson.apiCall(record)).orElseThrow();

        assertThat(s.mechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(s.cluster()).isEqualTo("eksworkshop-eksctl");
        assertThat(s.podName()).isEqualTo("app1");
        assertThat(s.podUid()).isNull();
        assertThat(s.namespace()).isNull();
        assertThat(CandidateScope.of(s).kind()).isEqualTo(CandidateScope.Kind.POD_NAME);
    }

    @Test
    void podIdentityWithoutTagsKeepsTheClusterPrefixWhenNoClusterIsKnown() {
        ObjectNode record = (ObjectNode) EventJson.fixture("sts-assume-role-pod-identity.json");
        ((ObjectNode) record.get("requestParameters")).remove("tags");

        CredentialSession s = new SessionExtractor(null)
                .fromIssuingEvent(EventJson.apiCall(record))
                .orElseThrow();

        assertThat(s.cluster()).isEqualTo("eksworksho");
        assertThat(s.podName()).isEqualTo("app1");
    }

    @Test
    void instanceProfileSessionNamesTheInstanceAndParsesTheLocaleExpiry() {
        CredentialSession s = extractor
                .fromIssuingEvent(call("sts-assume-role-instance-profile.json"))
                .orElseThrow();

        assertThat(s.instanceId()).isEqualTo("i-044b1baf4c96e1b62");
        assertThat(s.expiresAt()).isEqualTo(Instant.parse("2020-09-14T07:01:26Z"));
        assertThat(s.sessionArn())
                .isEqualTo(
                        "arn:aws:sts::123456789123:assumed-role/MordorLogCollectorStack-LogCollectorRole-1JJTG88NNY4KN/"
                                + "i-044b1baf4c96e1b62");
    }

    @Test
    void roleChainKeepsTheCallingSessionAsParent() {
        CredentialSession s = extractor
                .fromIssuingEvent(call("sts-assume-role-chained-from-pod-identity.json"))
                .orElseThrow();

        assertThat(s.parentAccessKeyId()).isEqualTo("ASIA37QFXJP5MQOWRZ6Q");
        assertThat(s.rootMechanism()).isEqualTo(Mechanism.UNKNOWN);
        assertThat(s.accountId()).isEqualTo("999988887777");
    }

    @Test
    void iamUserSessionTokenKeepsTheLongTermKeyAsParent() {
        CredentialSession s = extractor
                .fromIssuingEvent(call("sts-get-session-token-iam-user.json"))
                .orElseThrow();

        assertThat(s.parentAccessKeyId()).isEqualTo("AKIAEXAMPLEUSER00001");
        assertThat(s.expiresAt()).isEqualTo(Instant.parse("2024-03-01T20:00:00Z"));
    }

    @Test
    void irsaClusterIsTheIssuerIdWhenNoDirectoryEntryNamesIt() {
        CredentialSession s = new SessionExtractor(new ClusterDirectory())
                .fromIssuingEvent(call("sts-assume-role-with-web-identity-irsa.json"))
                .orElseThrow();

        assertThat(s.cluster()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(s.webIdProvider())
                .isEqualTo("arn:aws:iam::012345678901:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/"
                        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void failedAndNonIssuingEventsYieldNoSession() {
        assertThat(extractor.fromIssuingEvent(call("sts-assume-role-with-web-identity-irsa-denied.json")))
                .isEmpty();
        assertThat(extractor.fromIssuingEvent(call("eks-auth-assume-role-for-pod-identity.json")))
                .isEmpty();
        assertThat(extractor.fromIssuingEvent(call("call-irsa-register-usage.json")))
                .isEmpty();
    }

    @Test
    void awsServiceAssumeRoleOtherThanEc2AndPodsIsAnAwsServiceSession() {
        ObjectNode record = (ObjectNode) EventJson.fixture("sts-assume-role-instance-profile.json");
        ((ObjectNode) record.get("userIdentity")).put("invokedBy", "lambda.amazonaws.com");
        ((ObjectNode) record.get("requestParameters")).put("roleSessionName", "my-function");

        CredentialSession s =
                extractor.fromIssuingEvent(EventJson.apiCall(record)).orElseThrow();

        assertThat(s.mechanism()).isEqualTo(Mechanism.AWS_SERVICE);
        assertThat(s.rootPrincipal()).isEqualTo("lambda.amazonaws.com");
    }

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of(
                        "call-irsa-register-usage.json",
                        "EXAMPLE_KEY_ID",
                        Mechanism.IRSA,
                        "EXAMPLEFA1C58F08CDB049167EXAMPLE",
                        null,
                        null),
                Arguments.of(
                        "call-instance-profile-list-buckets.json",
                        "ASIA5FLZVX4OPVKKVBMX",
                        Mechanism.INSTANCE_PROFILE,
                        null,
                        "i-0317f6c6b66ae9c40",
                        null),
                Arguments.of(
                        "eks-auth-assume-role-for-pod-identity.json",
                        "ASIAQAHCJ2QPOFDF6NOW",
                        Mechanism.INSTANCE_PROFILE,
                        null,
                        "i-064d652934ecf0bfc",
                        null),
                Arguments.of(
                        "call-pod-identity-get-object.json",
                        "ASIA37QFXJP5MQOWRZ6Q",
                        Mechanism.POD_IDENTITY,
                        "eksworkshop-eksctl",
                        null,
                        "app1"),
                Arguments.of("call-root-console.json", "ASIAROOTCONSOLE00001", Mechanism.ROOT, null, null, null),
                Arguments.of("call-iam-user-akia.json", "AKIAEXAMPLEUSER00001", Mechanism.IAM_USER, null, null, null));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("calls")
    void callsWithoutTheirIssuingEventAreInferredFromTheCallerIdentity(
            String fixture, String key, Mechanism mechanism, String cluster, String instanceId, String podName) {
        CredentialSession s = extractor.inferFromCall(call(fixture)).orElseThrow();

        assertThat(s.accessKeyId()).isEqualTo(key);
        assertThat(s.mechanism()).isEqualTo(mechanism);
        assertThat(s.cluster()).isEqualTo(cluster);
        assertThat(s.instanceId()).isEqualTo(instanceId);
        assertThat(s.podName()).isEqualTo(podName);
        assertThat(s.serviceAccount()).isNull();
        assertThat(s.issuerInWindow()).isFalse();
    }

    @Test
    void inferredIrsaSessionKeepsTheRoleAndTheProvider() {
        CredentialSession s =
                extractor.inferFromCall(call("call-irsa-register-usage.json")).orElseThrow();

        assertThat(s.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/Alice");
        assertThat(s.sessionName()).isEqualTo("botocore-session-1111111111");
        assertThat(s.issuedAt()).isEqualTo(Instant.parse("2020-07-23T02:19:34Z"));
        assertThat(CandidateScope.of(s).kind()).isEqualTo(CandidateScope.Kind.NONE);
    }

    @Test
    void awsServiceCallsAreInferredWithoutAnAccessKey() {
        ObjectNode record = (ObjectNode) EventJson.fixture("sts-assume-role-instance-profile.json");
        record.put("eventName", "Decrypt").put("eventSource", "kms.amazonaws.com");

        CredentialSession s = extractor.inferFromCall(EventJson.apiCall(record)).orElseThrow();

        assertThat(s.mechanism()).isEqualTo(Mechanism.AWS_SERVICE);
        assertThat(s.accessKeyId()).isNull();
    }

    @Test
    void assumedRoleWithoutAnyHintIsUnknownButKeepsItsRole() {
        ObjectNode record = (ObjectNode) EventJson.fixture("call-pod-identity-get-object.json");
        ObjectNode identity = (ObjectNode) record.get("userIdentity");
        identity.put("arn", "arn:aws:sts::823571991546:assumed-role/eks-pod-s3-read-access-role/alice");
        ApiCall c = EventJson.apiCall(record);

        CredentialSession s = extractor.inferFromCall(c).orElseThrow();

        assertThat(s.mechanism()).isEqualTo(Mechanism.UNKNOWN);
        assertThat(s.roleArn()).isEqualTo("arn:aws:iam::823571991546:role/eks-pod-s3-read-access-role");
        assertThat(s.sessionName()).isEqualTo("alice");
    }

    @Test
    void cognitoAndOtherOidcProvidersAreWebIdentitySessionsLabelledByProvider() {
        ObjectNode record = (ObjectNode) EventJson.fixture("sts-assume-role-with-web-identity-github.json");
        ((ObjectNode) record.get("userIdentity"))
                .put("identityProvider", "cognito-identity.amazonaws.com")
                .put("userName", "us-east-1:0f8e6c1e-example");
        ((ObjectNode) record.get("responseElements"))
                .put("provider", "cognito-identity.amazonaws.com")
                .put("subjectFromWebIdentityToken", "us-east-1:0f8e6c1e-example");

        CredentialSession s =
                extractor.fromIssuingEvent(EventJson.apiCall(record)).orElseThrow();

        assertThat(s.mechanism()).isEqualTo(Mechanism.WEB_IDENTITY);
        assertThat(s.webIdProvider()).isEqualTo("cognito-identity.amazonaws.com");
        assertThat(s.rootPrincipal()).isEqualTo("cognito-identity.amazonaws.com:us-east-1:0f8e6c1e-example");
        assertThat(s.cluster()).isNull();
    }

    @Test
    void federationTokenIsAnIamUserSessionNamedByItsFederatedUser() {
        ObjectNode record = (ObjectNode) EventJson.fixture("sts-get-session-token-iam-user.json");
        record.put("eventName", "GetFederationToken");
        ((ObjectNode) record.get("responseElements"))
                .putObject("federatedUser")
                .put("federatedUserId", "012345678901:bob")
                .put("arn", "arn:aws:sts::012345678901:federated-user/bob");

        CredentialSession s =
                extractor.fromIssuingEvent(EventJson.apiCall(record)).orElseThrow();

        assertThat(s.mechanism()).isEqualTo(Mechanism.IAM_USER);
        assertThat(s.sessionArn()).isEqualTo("arn:aws:sts::012345678901:federated-user/bob");
        assertThat(s.rootPrincipal()).isEqualTo("arn:aws:iam::012345678901:user/ci-bot");
    }
}
