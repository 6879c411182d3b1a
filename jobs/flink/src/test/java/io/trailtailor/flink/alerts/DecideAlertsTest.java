package io.trailtailor.flink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.alerts.AlertContext;
import io.trailtailor.alerts.AlertId;
import io.trailtailor.alerts.AlertRoutes;
import io.trailtailor.alerts.LearningWindow;
import io.trailtailor.alerts.NodeActions;
import io.trailtailor.catalog.RequiredAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The alert decision operator on its own: buffering to the watermark, event-time order, restore, forgetting. */
class DecideAlertsTest {

    static final String ROLE = "arn:aws:iam::111122223333:role/app-reader";
    static final Instant DAY1 = Instant.parse("2026-11-01T08:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-11-02T10:15:00Z");
    static final long NOW = Instant.parse("2026-12-02T00:00:00Z").toEpochMilli();
    static final ObjectMapper JSON = new ObjectMapper();

    static AlertContext context() {
        return new AlertContext(null, LearningWindow.defaults(), new NodeActions(Set.of("ec2:DescribeInstances")));
    }

    static KeyedOneInputStreamOperatorTestHarness<String, PendingObservation, String> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DecideAlerts(context())), PendingObservation::stateKey, Types.STRING);
        h.setProcessingTime(NOW);
        return h;
    }

    static List<PendingObservation> call(String id, Instant t, boolean denied, String... actions) {
        List<RequiredAction> required = new ArrayList<>();
        for (String a : actions) {
            required.add(new RequiredAction(a, List.of("*"), RequiredAction.Origin.DEFAULT_RULE, ""));
        }
        var facts = new AlertRoutes.CallFacts(
                id,
                t.toEpochMilli(),
                "IRSA",
                ROLE,
                null,
                ROLE,
                "prod",
                "shop",
                "reader",
                "uid-1",
                denied,
                "s3:GetObject",
                "arn:aws:s3:::b/k");
        return AlertRoutes.ofCall(facts, required).stream()
                .map(PendingObservation::of)
                .toList();
    }

    /** A day of learning, a new action on day 2 (twice), and two denied calls in one hour. */
    static List<PendingObservation> input() {
        List<PendingObservation> in = new ArrayList<>();
        in.addAll(call("e1", DAY1, false, "s3:GetObject"));
        in.addAll(call("e2", DAY2, false, "s3:PutObject"));
        in.addAll(call("e3", DAY2.plusSeconds(1), false, "s3:PutObject", "s3:GetObject"));
        in.addAll(call("d2", DAY2.plusSeconds(30), true));
        in.addAll(call("d1", DAY2.plusSeconds(20), true));
        return in;
    }

    static List<String> run(List<PendingObservation> in) throws Exception {
        try (var h = harness()) {
            h.open();
            for (PendingObservation p : in) h.processElement(new StreamRecord<>(p, p.time));
            assertThat(h.extractOutputValues())
                    .as("nothing before the watermark")
                    .isEmpty();
            h.processWatermark(DAY2.plusSeconds(3600).toEpochMilli());
            return h.extractOutputValues().stream().sorted().toList();
        }
    }

    static List<String> ids(List<String> lines) throws Exception {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            out.add(n.path("type").asText() + " " + n.path("eventId").asText() + " "
                    + n.path("id").asText());
        }
        return out.stream().sorted().toList();
    }

    @Test
    void decidesOnceTheWatermarkPassesWithExactIds() throws Exception {
        assertThat(ids(run(input())))
                .containsExactlyInAnyOrder(
                        "NEW_ACTION e2 "
                                + AlertId.of("TT-ALERT-001", "ROLE|role:111122223333/app-reader", "s3:PutObject"),
                        "NEW_ACTION e2 " + AlertId.of("TT-ALERT-001", "WORKLOAD|prod/shop/reader", "s3:PutObject"),
                        "ACCESS_DENIED d1 "
                                + AlertId.of(
                                        "TT-ALERT-002",
                                        "role:111122223333/app-reader",
                                        "s3:GetObject",
                                        "2026-11-02T10:00:00Z"));
    }

    @Test
    void anyDeliveryOrderGivesTheSameLines() throws Exception {
        List<PendingObservation> reversed = new ArrayList<>(input());
        Collections.reverse(reversed);
        List<PendingObservation> shuffled = new ArrayList<>(input());
        Collections.shuffle(shuffled, new java.util.Random(7));
        List<String> expected = run(input());
        assertThat(expected).hasSize(3);
        assertThat(run(reversed)).isEqualTo(expected);
        assertThat(run(shuffled)).isEqualTo(expected);
    }

    @Test
    void pendingObservationsAndWhatWasLearntSurviveARestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            for (PendingObservation p : call("e1", DAY1, false, "s3:GetObject")) {
                h.processElement(new StreamRecord<>(p, p.time));
            }
            h.processWatermark(DAY1.plusSeconds(60).toEpochMilli()); // e1 learnt
            for (PendingObservation p : call("e2", DAY2, false, "s3:PutObject", "s3:GetObject")) {
                h.processElement(new StreamRecord<>(p, p.time)); // e2 pending
            }
            state = h.snapshot(1, 1);
            assertThat(h.extractOutputValues()).isEmpty();
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            h.processWatermark(DAY2.plusSeconds(60).toEpochMilli());
            assertThat(ids(h.extractOutputValues()))
                    .containsExactlyInAnyOrder(
                            "NEW_ACTION e2 "
                                    + AlertId.of("TT-ALERT-001", "ROLE|role:111122223333/app-reader", "s3:PutObject"),
                            "NEW_ACTION e2 " + AlertId.of("TT-ALERT-001", "WORKLOAD|prod/shop/reader", "s3:PutObject"));
        }
    }

    @Test
    void aDeniedHourIsForgottenADayAfterItEnds() throws Exception {
        try (var h = harness()) {
            h.open();
            for (PendingObservation p : call("d1", DAY2, true)) h.processElement(new StreamRecord<>(p, p.time));
            h.processWatermark(DAY2.plusSeconds(60).toEpochMilli());
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.numKeyedStateEntries()).isPositive();
            h.processWatermark(Instant.parse("2026-11-03T11:00:00Z").toEpochMilli());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void theLineCarriesNoAccessKeyAndTheDetectionTime() throws Exception {
        String line = run(input()).get(0);
        JsonNode n = JSON.readTree(line);
        assertThat(n.path("detectedAt").asText()).isEqualTo("2026-12-02T00:00:00Z");
        assertThat(line).doesNotContain("ASIA").doesNotContain("AKIA").doesNotContain("sessionToken");
    }
}
