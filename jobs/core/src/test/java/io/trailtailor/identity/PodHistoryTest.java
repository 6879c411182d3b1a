package io.trailtailor.identity;

import static io.trailtailor.identity.AuditEvents.bind;
import static io.trailtailor.identity.AuditEvents.createPod;
import static io.trailtailor.identity.AuditEvents.delete;
import static io.trailtailor.identity.AuditEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.event.AuditEvent;
import io.trailtailor.identity.PodLifetime.PodKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodHistoryTest {

    private static final Instant T0 = Instant.parse("2024-04-16T09:00:00Z");
    private static final PodKey KEY = new PodKey("prod", "ns-a", "app-0");

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static PodHistory history(List<AuditEvent> events) {
        PodHistory h = new PodHistory(KEY);
        events.forEach(h::accept);
        return h;
    }

    private static List<AuditEvent> lifecycle() {
        return List.of(
                createPod("prod", "ns-a", "app-0", "uid-1", "sa1", t(0), PodCredentialKind.IRSA),
                bind("prod", "ns-a", "app-0", "uid-1", "node-a", t(1)),
                status("prod", "ns-a", "app-0", "uid-1", "node-a", "10.0.1.5", t(5)),
                delete("prod", "ns-a", "app-0", null, t(100)));
    }

    /** The lifetime of pod app-0 (uid-1) of the lifecycle fixture: IRSA as sa1, on node-a in prod/ns-a. */
    private static PodLifetime appZero(String podIp, Instant start, Instant end) {
        return new PodLifetime(
                "prod",
                "ns-a",
                "app-0",
                "uid-1",
                "sa1",
                "node-a",
                podIp,
                start,
                end,
                PodCredentialKind.IRSA,
                "arn:aws:iam::123456789012:role/sa1");
    }

    @Test
    void createBindStatusAndDeleteMakeOneLifetime() {
        List<PodLifetime> lives = history(lifecycle()).lifetimes();

        assertThat(lives).containsExactly(appZero("10.0.1.5", t(0), t(100).plusMillis(30)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void arrivalOrderDoesNotChangeTheLifetimes(long seed) {
        List<AuditEvent> events = new ArrayList<>(lifecycle());
        events.addAll(List.of(
                createPod("prod", "ns-a", "app-0", "uid-2", "sa1", t(200), PodCredentialKind.IRSA),
                bind("prod", "ns-a", "app-0", null, "node-b", t(201)),
                delete("prod", "ns-a", "app-0", null, t(300))));
        List<PodLifetime> inOrder = history(events).lifetimes();
        Collections.shuffle(events, new Random(seed));

        assertThat(history(events).lifetimes()).isEqualTo(inOrder);
    }

    @Test
    void reusedNameGivesOneLifetimePerUidAndUidlessEventsGoToTheHolderOfTheNameAtTheTime() {
        List<AuditEvent> events = new ArrayList<>(lifecycle());
        events.addAll(List.of(
                createPod("prod", "ns-a", "app-0", "uid-2", "sa2", t(200), PodCredentialKind.POD_IDENTITY),
                bind("prod", "ns-a", "app-0", null, "node-b", t(201))));

        List<PodLifetime> lives = history(events).lifetimes();

        assertThat(lives)
                .extracting(
                        PodLifetime::uid,
                        PodLifetime::serviceAccount,
                        PodLifetime::node,
                        PodLifetime::start,
                        PodLifetime::end,
                        PodLifetime::credentialKind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "uid-1", "sa1", "node-a", t(0), t(100).plusMillis(30), PodCredentialKind.IRSA),
                        org.assertj.core.groups.Tuple.tuple(
                                "uid-2", "sa2", "node-b", t(200), null, PodCredentialKind.POD_IDENTITY));
    }

    @Test
    void reusedNameWithoutAnyDeleteSeenEndsTheOldPodWhenTheNewOneIsCreated() {
        PodHistory h = history(List.of(
                createPod("prod", "ns-a", "app-0", "uid-1", "sa1", t(0), PodCredentialKind.NONE),
                createPod("prod", "ns-a", "app-0", "uid-2", "sa1", t(50), PodCredentialKind.NONE)));

        assertThat(h.lifetimes()).extracting(PodLifetime::end).containsExactly(t(50), null);
    }

    @Test
    void gracefulDeletionKeepsThePodAliveUntilItsDeletionTimestamp() {
        PodHistory h = history(List.of(
                createPod("prod", "ns-a", "app-0", "uid-1", "sa1", t(0), PodCredentialKind.NONE),
                delete("prod", "ns-a", "app-0", "uid-1", t(100))));

        assertThat(h.lifetimes().get(0).end()).isEqualTo(t(130));
    }

    @Test
    void podWhoseCreateWasBeforeTheWindowHasAnOpenStartAndUnknownCredentials() {
        PodHistory h = history(List.of(
                status("prod", "ns-a", "app-0", "uid-1", "node-a", "10.0.1.5", t(5)),
                delete("prod", "ns-a", "app-0", null, t(100))));

        PodLifetime life = h.lifetimes().get(0);
        assertThat(life.start()).isNull();
        assertThat(life.end()).isEqualTo(t(100).plusMillis(30));
        assertThat(life.node()).isEqualTo("node-a");
        assertThat(life.credentialKind()).isEqualTo(PodCredentialKind.UNKNOWN);
        assertThat(life.aliveAt(T0.minus(Duration.ofDays(1)), Duration.ZERO)).isTrue();
    }

    @Test
    void verbatimFalcoCreateIsReadFromTheResponseObject() {
        AuditEvent create = EventJson.audit("audit-pods-create-falco.json", "minikube");
        PodKey key = AuditRouting.podKeys(create).get(0);
        PodHistory h = new PodHistory(key);

        assertThat(h.accept(create)).isTrue();
        assertThat(key).isEqualTo(new PodKey("minikube", "default", "nginx-deployment-7998647bdf-4j7t7"));
        assertThat(h.lifetimes())
                .containsExactly(new PodLifetime(
                        "minikube",
                        "default",
                        "nginx-deployment-7998647bdf-4j7t7",
                        "6b5d73bb-d8ff-11e8-a2e6-080027728ac4",
                        "default",
                        null,
                        null,
                        Instant.parse("2018-10-26T09:13:36.411557Z"),
                        null,
                        PodCredentialKind.NONE,
                        null));
    }

    @Test
    void verbatimKubeletStatusPatchGivesUidAndNode() {
        AuditEvent patch = EventJson.audit("audit-pods-status-kubelet.json", "tgw");
        PodHistory h = new PodHistory(new PodKey("tgw", "default", "stress-83-tbnq2"));

        assertThat(h.accept(patch)).isTrue();
        assertThat(h.lifetimes()).singleElement().satisfies(p -> {
            assertThat(p.uid()).isEqualTo("10177585-b79f-44a0-bdcc-c68ec12d012a");
            assertThat(p.node()).isEqualTo("ip-00-00-00-00.eu-west-1.compute.internal");
        });
    }

    @Test
    void eventsOfOtherPodsFailedRequestsAndDuplicatesAreNotRecorded() {
        PodHistory h = new PodHistory(KEY);
        AuditEvent create = createPod("prod", "ns-a", "app-0", "uid-1", "sa1", t(0), PodCredentialKind.NONE);

        assertThat(h.accept(createPod("prod", "ns-a", "app-1", "uid-9", "sa1", t(0), PodCredentialKind.NONE)))
                .isFalse();
        assertThat(h.accept(createPod("other", "ns-a", "app-0", "uid-9", "sa1", t(0), PodCredentialKind.NONE)))
                .isFalse();
        assertThat(h.accept(AuditEvents.event(
                        "prod",
                        "delete",
                        AuditEvents.REPLICASET,
                        new io.trailtailor.event.ObjectRef("pods", null, "ns-a", "app-0", null, null, "v1"),
                        404,
                        t(1),
                        null,
                        null)))
                .isFalse();
        assertThat(h.accept(create)).isTrue();
        assertThat(h.accept(create)).isFalse();
        assertThat(h.size()).isEqualTo(1);
    }

    @Test
    void pruningForgetsEndedIncarnationsAndReportsWhenTheStateIsEmpty() {
        List<AuditEvent> events = new ArrayList<>(lifecycle());
        events.add(createPod("prod", "ns-a", "app-0", "uid-2", "sa1", t(200), PodCredentialKind.NONE));
        PodHistory h = history(events);

        assertThat(h.prune(t(150))).isFalse();
        assertThat(h.lifetimes()).extracting(PodLifetime::uid).containsExactly("uid-2");

        PodHistory ended = history(lifecycle());
        assertThat(ended.prune(t(1000))).isTrue();
        assertThat(ended.size()).isZero();
    }

    @Test
    void repeatedStatusPatchesDoNotGrowTheState() {
        PodHistory h = history(lifecycle());
        for (int i = 10; i < 1010; i++) {
            h.accept(status("prod", "ns-a", "app-0", "uid-1", "node-a", null, t(i % 90 + 6)));
        }

        assertThat(h.size()).isLessThanOrEqualTo(5);
        assertThat(h.lifetimes()).isEqualTo(history(lifecycle()).lifetimes());
    }

    @Test
    void deleteOfAPodCreatedBeforeTheWindowGivesItsServiceAccountNodeAndCredentials() {
        AuditEvent create = createPod("prod", "ns-a", "app-0", "uid-1", "sa1", t(0), PodCredentialKind.IRSA);
        String pod = create.responseObject()
                .replace("\"spec\":{", "\"spec\":{\"nodeName\":\"node-a\",")
                .replace("\"creationTimestamp\"", "\"deletionTimestamp\":\"" + t(130) + "\",\"creationTimestamp\"");
        AuditEvent delete = AuditEvents.event(
                "prod",
                "delete",
                AuditEvents.REPLICASET,
                new io.trailtailor.event.ObjectRef("pods", null, "ns-a", "app-0", null, null, "v1"),
                200,
                t(100),
                null,
                pod);

        PodLifetime life = history(List.of(delete)).lifetimes().get(0);

        assertThat(life).isEqualTo(appZero(null, null, t(130)));
    }
}
