package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.event.ApiCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AttributorTest {

    private static final Instant ISSUED = Instant.parse("2024-04-16T09:20:04Z");
    private static final String CLUSTER = "eksworkshop-eksctl";

    private final Attributor attributor = Attributor.defaults();
    private final SessionExtractor extractor = new SessionExtractor(
            new ClusterDirectory().addSnapshot(EventJson.fixtureText("describe-cluster-snapshot.json")));

    private static PodLifetime pod(String uid, String ns, String sa, String node, Instant start, Instant end) {
        return new PodLifetime(
                CLUSTER, ns, "pod-" + uid, uid, sa, node, null, start, end, PodCredentialKind.IRSA, null);
    }

    /** A Pod Identity pod of service account sa1 in ns-a, with no IP and no IRSA role. */
    private static PodLifetime podIdentityPod(String name, String uid, String node, Instant start, Instant end) {
        return new PodLifetime(
                CLUSTER, "ns-a", name, uid, "sa1", node, null, start, end, PodCredentialKind.POD_IDENTITY, null);
    }

    private static ApiCall callAt(Instant t) {
        ObjectNode r = (ObjectNode) EventJson.fixture("call-pod-identity-get-object.json");
        r.put("eventTime", t.toString());
        return EventJson.apiCall(r);
    }

    private static CredentialSession irsa(Instant issued) {
        return CredentialSession.builder("ASIAIRSA", Mechanism.IRSA)
                .roleArn("arn:aws:iam::1:role/r")
                .cluster(CLUSTER)
                .namespace("ns-a")
                .serviceAccount("sa1")
                .issuedAt(issued)
                .rootPrincipal("eks:" + CLUSTER + "/ns-a/sa1")
                .build();
    }

    @Test
    void podIdentitySessionTagsGiveTheExactPod() {
        CredentialSession s = extractor
                .fromIssuingEvent(EventJson.call("sts-assume-role-pod-identity.json"))
                .orElseThrow();
        PodLifetime app1 =
                podIdentityPod("app1", "0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012", "node-a", ISSUED.minusSeconds(60), null);

        AttributedCall a =
                attributor.attribute(EventJson.call("call-pod-identity-get-object.json"), s, null, List.of(app1));

        assertThat(a.mechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(a.podUid()).isEqualTo("0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012");
        assertThat(a.podCandidates()).containsExactly("0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012");
        assertThat(a.podName()).isEqualTo("app1");
        assertThat(a.node()).isEqualTo("node-a");
        assertThat(a.confidence()).isEqualTo(1.0);
        assertThat(a.basis()).isEqualTo("session tags");
        assertThat(a.notes()).isEmpty();
        assertThat(a.attributedToWorkload()).isTrue();
        assertThat(a.roleArn()).isEqualTo("arn:aws:iam::823571991546:role/eks-pod-s3-read-access-role");
    }

    @Test
    void podIdentityWithoutTagsPicksTheIncarnationOfThePodNameAliveAtIssue() {
        ObjectNode record = (ObjectNode) EventJson.fixture("sts-assume-role-pod-identity.json");
        ((ObjectNode) record.get("requestParameters")).remove("tags");
        CredentialSession s =
                extractor.fromIssuingEvent(EventJson.apiCall(record)).orElseThrow();
        PodLifetime old = podIdentityPod("app1", "old", "node-a", ISSUED.minusSeconds(600), ISSUED.minusSeconds(300));
        PodLifetime current = podIdentityPod("app1", "current", "node-b", ISSUED.minusSeconds(200), null);
        PodLifetime otherName = podIdentityPod("app2", "other", "node-b", ISSUED.minusSeconds(200), null);

        AttributedCall a =
                attributor.attribute(callAt(ISSUED.plusSeconds(60)), s, null, List.of(old, current, otherName));

        assertThat(a.podUid()).isEqualTo("current");
        assertThat(a.podCandidates()).containsExactly("current");
        assertThat(a.namespace()).isEqualTo("ns-a");
        assertThat(a.serviceAccount()).isEqualTo("sa1");
        assertThat(a.node()).isEqualTo("node-b");
        assertThat(a.basis()).isEqualTo("session name");
        assertThat(a.notes()).containsExactly("pod identity session tags absent");
    }

    @Test
    void irsaCandidatesArePodsOfTheServiceAccountAliveAtIssue() {
        List<PodLifetime> pods = List.of(
                pod("a", "ns-a", "sa1", "n1", ISSUED.minusSeconds(100), null),
                pod("b", "ns-a", "sa1", "n2", null, ISSUED.plusSeconds(100)),
                pod("late", "ns-a", "sa1", "n1", ISSUED.plusSeconds(60), null),
                pod("gone", "ns-a", "sa1", "n1", ISSUED.minusSeconds(600), ISSUED.minusSeconds(60)),
                pod("othersa", "ns-a", "sa2", "n1", ISSUED.minusSeconds(100), null),
                pod("otherns", "ns-b", "sa1", "n1", ISSUED.minusSeconds(100), null));

        AttributedCall a = attributor.attribute(callAt(ISSUED.plusSeconds(30)), irsa(ISSUED), null, pods);

        assertThat(a.podCandidates()).containsExactly("a", "b");
        assertThat(a.podUid()).isNull();
        assertThat(a.confidence()).isEqualTo(0.5);
        assertThat(a.serviceAccount()).isEqualTo("sa1");
        assertThat(a.node()).isNull();
        assertThat(a.basis()).isEqualTo("service account pods at issue");
    }

    @Test
    void irsaWithOneCandidateIsExact() {
        AttributedCall a = attributor.attribute(
                callAt(ISSUED.plusSeconds(30)),
                irsa(ISSUED),
                null,
                List.of(pod("a", "ns-a", "sa1", "n1", ISSUED.minusSeconds(100), null)));

        assertThat(a.podUid()).isEqualTo("a");
        assertThat(a.podName()).isEqualTo("pod-a");
        assertThat(a.node()).isEqualTo("n1");
        assertThat(a.confidence()).isEqualTo(1.0);
    }

    static Stream<Arguments> skews() {
        return Stream.of(
                Arguments.of(Duration.ofSeconds(5), 3, true),
                Arguments.of(Duration.ofSeconds(5), 5, true),
                Arguments.of(Duration.ofSeconds(5), 6, false),
                Arguments.of(Duration.ZERO, 1, false),
                Arguments.of(Duration.ofSeconds(30), 20, true));
    }

    @ParameterizedTest(name = "skew {0}, pod created {1}s after issue -> candidate {2}")
    @MethodSource("skews")
    void clockSkewBetweenAuditAndCloudTrailIsTolerated(Duration skew, int createdAfter, boolean candidate) {
        PodLifetime p = pod("a", "ns-a", "sa1", "n1", ISSUED.plusSeconds(createdAfter), null);

        AttributedCall a =
                new Attributor(skew).attribute(callAt(ISSUED.plusSeconds(60)), irsa(ISSUED), null, List.of(p));

        assertThat(a.podCandidates().contains("a")).isEqualTo(candidate);
    }

    @Test
    void instanceProfileCandidatesArePodsOnTheNodeAliveAtCallTime() {
        CredentialSession s = extractor
                .inferFromCall(EventJson.call("call-instance-profile-list-buckets.json"))
                .orElseThrow();
        Instant callTime = Instant.parse("2020-09-14T00:52:10Z");
        NodeIdentity node =
                new NodeIdentity(CLUSTER, "ip-10-0-3-7", "i-0317f6c6b66ae9c40", null, List.of(), null, null);
        List<PodLifetime> pods = List.of(
                pod("x", "ns-a", "sa1", "ip-10-0-3-7", callTime.minusSeconds(100), null),
                pod("y", "ns-b", "sa9", "ip-10-0-3-7", null, null),
                pod("z", "ns-a", "sa1", "ip-10-0-3-7", callTime.minusSeconds(300), callTime.minusSeconds(100)),
                pod("w", "ns-a", "sa1", "ip-10-0-9-9", callTime.minusSeconds(100), null));

        AttributedCall a =
                attributor.attribute(EventJson.call("call-instance-profile-list-buckets.json"), s, node, pods);

        assertThat(a.mechanism()).isEqualTo(Mechanism.INSTANCE_PROFILE);
        assertThat(a.node()).isEqualTo("ip-10-0-3-7");
        assertThat(a.instanceId()).isEqualTo("i-0317f6c6b66ae9c40");
        assertThat(a.cluster()).isEqualTo(CLUSTER);
        assertThat(a.podCandidates()).containsExactly("x", "y");
        assertThat(a.namespace()).isNull();
        assertThat(a.serviceAccount()).isNull();
        assertThat(a.podUid()).isNull();
        assertThat(a.confidence()).isEqualTo(1.0 / 3);
        assertThat(a.notes())
                .containsExactly("issuer outside window", "node role is shared with the kubelet and node agents");
    }

    @Test
    void instanceProfileWithoutAKnownNodeHasNoCandidates() {
        CredentialSession s = extractor
                .fromIssuingEvent(EventJson.call("sts-assume-role-instance-profile.json"))
                .orElseThrow();

        AttributedCall a = attributor.attribute(
                EventJson.call("call-instance-profile-list-buckets.json"),
                s,
                null,
                List.of(pod("x", "ns-a", "sa1", "n1", null, null)));

        assertThat(a.podCandidates()).isEmpty();
        assertThat(a.confidence()).isZero();
        assertThat(a.notes()).contains("node unknown");
    }

    @Test
    void roleChainFromAPodIdentitySessionIsAttributedToThatPod() {
        CredentialSession root = extractor
                .fromIssuingEvent(EventJson.call("sts-assume-role-pod-identity.json"))
                .orElseThrow();
        CredentialSession chained = SessionChain.resolve(
                extractor
                        .fromIssuingEvent(EventJson.call("sts-assume-role-chained-from-pod-identity.json"))
                        .orElseThrow(),
                k -> k.equals(root.accessKeyId()) ? root : null);

        AttributedCall a = attributor.attribute(callAt(ISSUED.plusSeconds(600)), chained, null, List.of());

        assertThat(a.mechanism()).isEqualTo(Mechanism.ROLE_CHAIN);
        assertThat(a.rootMechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(a.roleArn()).isEqualTo("arn:aws:iam::999988887777:role/reports-writer");
        assertThat(a.rootPrincipal()).isEqualTo("eks:eksworkshop-eksctl/ns-a/sa1");
        assertThat(a.podUid()).isEqualTo("0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012");
        assertThat(a.confidence()).isEqualTo(1.0);
        assertThat(a.notes()).containsExactly("role chain from POD_IDENTITY");
    }

    @Test
    void irsaInferredWithoutItsIssuingEventNamesTheClusterButNotTheServiceAccount() {
        ApiCall call = EventJson.call("call-irsa-register-usage.json");
        CredentialSession s = extractor.inferFromCall(call).orElseThrow();

        AttributedCall a = attributor.attribute(call, s, null, List.of());

        assertThat(a.mechanism()).isEqualTo(Mechanism.IRSA);
        assertThat(a.cluster()).isEqualTo("EXAMPLEFA1C58F08CDB049167EXAMPLE");
        assertThat(a.serviceAccount()).isNull();
        assertThat(a.confidence()).isZero();
        assertThat(a.notes()).containsExactly("issuer outside window", "service account unknown");
        assertThat(a.attributedToWorkload()).isFalse();
    }

    @Test
    void plainPrincipalsAreAttributedWithoutPods() {
        ApiCall call = EventJson.call("call-iam-user-akia.json");

        AttributedCall a =
                attributor.attribute(call, extractor.inferFromCall(call).orElseThrow(), null, List.of());

        assertThat(a.mechanism()).isEqualTo(Mechanism.IAM_USER);
        assertThat(a.rootPrincipal()).isEqualTo("arn:aws:iam::012345678901:user/ci-bot");
        assertThat(a.confidence()).isEqualTo(1.0);
        assertThat(a.denied()).isTrue();
        assertThat(a.podCandidates()).isEmpty();
    }

    @Test
    void callWithoutSessionIsUnknown() {
        AttributedCall a = attributor.attribute(callAt(ISSUED), null, null, List.of());

        assertThat(a.mechanism()).isEqualTo(Mechanism.UNKNOWN);
        assertThat(a.accessKeyId()).isEqualTo("ASIA37QFXJP5MQOWRZ6Q");
        assertThat(a.confidence()).isZero();
    }

    @Test
    void truncatedPodIdentitySessionNameStillFindsThePod() {
        CredentialSession s = CredentialSession.builder("ASIAPI", Mechanism.POD_IDENTITY)
                .sessionName("eks-prod-east-checkout-f1zaqimhar-2doln-bcdc019c-de86-4294-a4c4-")
                .cluster("prod")
                .podName("east-checkout-f1zaqimhar-2doln")
                .issuedAt(ISSUED)
                .issuerInWindow(false)
                .build();
        PodLifetime pod = new PodLifetime(
                "prod-east",
                "checkout",
                "checkout-f1zaqimhar-2doln",
                "u1",
                "checkout",
                "n1",
                null,
                null,
                null,
                PodCredentialKind.UNKNOWN,
                null);
        PodLifetime sibling = new PodLifetime(
                "prod-east",
                "checkout",
                "checkout-f1zaqimhar-2dolm",
                "u2",
                "checkout",
                "n1",
                null,
                null,
                null,
                PodCredentialKind.UNKNOWN,
                null);

        AttributedCall a = attributor.attribute(callAt(ISSUED.plusSeconds(5)), s, null, List.of(pod, sibling));

        assertThat(a.podUid()).isEqualTo("u1");
        assertThat(a.cluster()).isEqualTo("prod-east");
        assertThat(a.podName()).isEqualTo("checkout-f1zaqimhar-2doln");
        assertThat(a.serviceAccount()).isEqualTo("checkout");
        assertThat(a.notes())
                .containsExactly("issuer outside window", "pod identity session tags absent", "session name truncated");
        assertThat(CandidateScope.of(s).podRoutingKey())
                .isEqualTo(PodIdentitySessionName.routingKey("prod-east", "checkout-f1zaqimhar-2doln"));
    }

    @Test
    void mintCallsAreAttributedToTheWorkloadTheyMintFor() {
        ApiCall irsaMint = EventJson.call("sts-assume-role-with-web-identity-irsa.json");
        ApiCall denied = EventJson.call("sts-assume-role-with-web-identity-irsa-denied.json");
        ApiCall podIdentityMint = EventJson.call("sts-assume-role-pod-identity.json");
        SessionExtractor bare = new SessionExtractor(new ClusterDirectory());

        AttributedCall a = attributor.attribute(
                irsaMint,
                bare.inferFromCall(irsaMint).orElseThrow(),
                null,
                List.of(new PodLifetime(
                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                        "kube-namespace",
                        "p",
                        "u1",
                        "kube-sa",
                        "n",
                        null,
                        null,
                        null,
                        PodCredentialKind.IRSA,
                        null)));
        AttributedCall b =
                attributor.attribute(denied, bare.inferFromCall(denied).orElseThrow(), null, List.of());
        AttributedCall c = attributor.attribute(
                podIdentityMint, bare.inferFromCall(podIdentityMint).orElseThrow(), null, List.of());

        assertThat(a.mechanism()).isEqualTo(Mechanism.IRSA);
        assertThat(a.podUid()).isEqualTo("u1");
        assertThat(b.mechanism()).isEqualTo(Mechanism.IRSA);
        assertThat(b.serviceAccount()).isEqualTo("awf-aws-executor-plugin");
        assertThat(b.denied()).isTrue();
        assertThat(c.mechanism()).isEqualTo(Mechanism.AWS_SERVICE);
        assertThat(c.rootPrincipal()).isEqualTo("pods.eks.amazonaws.com");
        assertThat(c.podUid()).isEqualTo("0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012");
        assertThat(c.roleArn()).isEqualTo("arn:aws:iam::823571991546:role/eks-pod-s3-read-access-role");
    }
}
