package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.identity.PodLifetime.PodKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attribution guarantee on random clusters: pods of a few service accounts on a few nodes, reusing names, with
 * audit events delivered shuffled and the audit clock off CloudTrail's by up to the skew. For every call made by a known pod, the
 * pod is a candidate, and every candidate is of the right service account (or node) and alive at the right time.
 */
class CandidateCorrectnessTest {

    private static final Instant T0 = Instant.parse("2024-04-16T00:00:00Z");
    private static final String[] SAS = {"sa1", "sa2", "sa3"};
    private static final String[] NODES = {"node-a", "node-b", "node-c"};

    /** {@code recordedEnd} false: the audit log never shows the pod go (still running at the end of the window). */
    record TruePod(String name, String uid, String sa, String node, Instant start, Instant end, boolean recordedEnd) {}

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void truePodIsAlwaysACandidateAndNoCandidateIsImpossible(long seed) {
        Random rnd = new Random(seed);
        Duration skew = Attributor.DEFAULT_SKEW;
        // One audit clock, off from CloudTrail's by up to the skew; events arrive shuffled.
        long offsetMs = rnd.nextLong(-skew.toMillis(), skew.toMillis() + 1);
        List<TruePod> truth = new ArrayList<>();
        List<AuditEvent> audit = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            String name = "app-" + n;
            Instant free = T0.plusSeconds(rnd.nextInt(600));
            int incarnations = 1 + rnd.nextInt(3); // name reuse
            for (int i = 0; i < incarnations; i++) {
                boolean deleted = i < incarnations - 1 || rnd.nextBoolean();
                TruePod p = new TruePod(
                        name,
                        name + "-uid-" + i,
                        SAS[rnd.nextInt(SAS.length)],
                        NODES[rnd.nextInt(NODES.length)],
                        free,
                        free.plusSeconds(30 + rnd.nextInt(900)),
                        deleted);
                truth.add(p);
                free = p.end().plusSeconds(1 + rnd.nextInt(60));
                audit.add(AuditEvents.createPod(
                        "prod", "ns", name, p.uid(), p.sa(), shift(p.start(), offsetMs), PodCredentialKind.IRSA));
                audit.add(AuditEvents.bind(
                        "prod",
                        "ns",
                        name,
                        rnd.nextBoolean() ? p.uid() : null,
                        p.node(),
                        shift(p.start().plusSeconds(1), offsetMs)));
                if (rnd.nextBoolean()) {
                    audit.add(AuditEvents.status(
                            "prod",
                            "ns",
                            name,
                            p.uid(),
                            p.node(),
                            "10.0.0." + n,
                            shift(p.start().plusSeconds(3), offsetMs)));
                }
                if (deleted) {
                    audit.add(AuditEvents.delete(
                            "prod", "ns", name, null, shift(p.end(), offsetMs).minusMillis(30)));
                }
            }
        }
        Collections.shuffle(audit, rnd);
        Map<PodKey, PodHistory> state = new LinkedHashMap<>();
        for (AuditEvent e : audit) {
            for (PodKey key : AuditRouting.podKeys(e)) {
                state.computeIfAbsent(key, PodHistory::new).accept(e);
            }
        }
        List<PodLifetime> lifetimes =
                state.values().stream().flatMap(h -> h.lifetimes().stream()).toList();
        assertThat(lifetimes).hasSize(truth.size());

        Attributor attributor = new Attributor(skew);
        for (TruePod p : truth) {
            long life = Duration.between(p.start(), p.end()).toSeconds();
            Instant issued = p.start().plusSeconds(rnd.nextInt((int) life));
            Instant call = issued.plusSeconds(
                    rnd.nextInt((int) Duration.between(issued, p.end()).toSeconds() + 1));
            CredentialSession irsa = CredentialSession.builder("ASIA" + p.uid(), Mechanism.IRSA)
                    .cluster("prod")
                    .namespace("ns")
                    .serviceAccount(p.sa())
                    .issuedAt(issued)
                    .build();
            List<PodLifetime> ofSa = lifetimes.stream()
                    .filter(l -> p.sa().equals(l.serviceAccount()))
                    .toList();

            AttributedCall a = attributor.attribute(callAt(call), irsa, null, ofSa);

            assertThat(a.podCandidates()).as("IRSA call by %s", p).contains(p.uid());
            for (String uid : a.podCandidates()) {
                TruePod c = truth.stream()
                        .filter(t -> t.uid().equals(uid))
                        .findFirst()
                        .orElseThrow();
                assertThat(c.sa()).isEqualTo(p.sa());
                assertThat(overlaps(c, issued, skew.multipliedBy(3)))
                        .as("candidate %s alive at %s", c, issued)
                        .isTrue();
            }
            assertThat(a.podUid()).isIn(a.podCandidates().size() == 1 ? p.uid() : null);

            CredentialSession node = CredentialSession.builder("ASIANODE", Mechanism.INSTANCE_PROFILE)
                    .instanceId("i-" + p.node())
                    .build();
            NodeIdentity nodeIdentity =
                    new NodeIdentity("prod", p.node(), "i-" + p.node(), null, List.of(), null, null);
            AttributedCall b = attributor.attribute(callAt(call), node, nodeIdentity, lifetimes);

            assertThat(b.podCandidates()).as("node-role call by %s", p).contains(p.uid());
            for (String uid : b.podCandidates()) {
                TruePod c = truth.stream()
                        .filter(t -> t.uid().equals(uid))
                        .findFirst()
                        .orElseThrow();
                assertThat(c.node()).isEqualTo(p.node());
                assertThat(overlaps(c, call, skew.multipliedBy(3))).isTrue();
            }
        }
    }

    /** Alive within the tolerance: recorded bounds move by up to one skew, the attributor allows one more. */
    private static boolean overlaps(TruePod p, Instant t, Duration tolerance) {
        return !p.start().isAfter(t.plus(tolerance))
                && (!p.recordedEnd() || !p.end().isBefore(t.minus(tolerance)));
    }

    private static Instant shift(Instant t, long offsetMs) {
        return t.plusMillis(offsetMs);
    }

    private static ApiCall callAt(Instant t) {
        ObjectNode r = (ObjectNode) EventJson.fixture("call-pod-identity-get-object.json");
        r.put("eventTime", t.toString());
        return EventJson.apiCall(r);
    }
}
