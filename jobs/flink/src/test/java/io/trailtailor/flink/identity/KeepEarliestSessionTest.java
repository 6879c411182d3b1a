package io.trailtailor.flink.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.Mechanism;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class KeepEarliestSessionTest {

    private static final long WAIT = 100;
    private static final long RETAIN = 10;

    private static KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, String>, Tuple2<String, String>>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeepEarliestSession(WAIT, RETAIN)), t -> t.f0, Types.STRING);
    }

    private static StreamRecord<Tuple2<String, String>> minted(String eventId, long at) {
        CredentialSession s = CredentialSession.builder("ASIAKEY", Mechanism.IRSA)
                .issuingEventId(eventId)
                .issuedAt(Instant.ofEpochMilli(at))
                .expiresAt(Instant.ofEpochMilli(1000))
                .build();
        return new StreamRecord<>(Tuple2.of("ASIAKEY", JsonCodec.write(s)), at);
    }

    private static List<String> eventIds(
            KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, String>, Tuple2<String, String>> h) {
        return h.extractOutputValues().stream()
                .map(t -> JsonCodec.read(t.f1, CredentialSession.class).issuingEventId())
                .toList();
    }

    @Test
    void theEarlierOfTwoDeliveriesStandsWhenItArrivesSecondWithinTheWait() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(minted("later", 50));
            h.processElement(minted("earlier", 40));
            h.processWatermark(149);
            assertThat(eventIds(h)).isEmpty();
            h.processWatermark(150);
            assertThat(eventIds(h)).containsExactly("earlier");
        }
    }

    @Test
    void anEarlierOneAfterTheEmissionReplacesItAndALaterOneIsDropped() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(minted("b", 50));
            h.processWatermark(200);
            h.processElement(minted("c", 60));
            h.processElement(minted("a", 30));
            assertThat(eventIds(h)).containsExactly("b", "a");
        }
    }

    @Test
    void forgetsTheKeyOnceItsCredentialsExpiredAndSurvivesARestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            h.processElement(minted("a", 50));
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            h.processWatermark(200);
            assertThat(eventIds(h)).containsExactly("a");
            h.processWatermark(1009);
            assertThat(h.numKeyedStateEntries()).isPositive();
            h.processWatermark(1010);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
