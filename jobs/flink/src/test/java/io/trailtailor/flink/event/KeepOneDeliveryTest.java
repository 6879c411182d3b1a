package io.trailtailor.flink.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * KeepOneDelivery on Flink's operator harness, records as {@code "<eventId>|<sourceFile>"} at their event time: held
 * until the watermark passes it, the first file's copy wins, copies within the horizon are counted, the state is
 * cleared after it, and what arrives later goes to the late output.
 */
class KeepOneDeliveryTest {

    static final long MAX_DELAY = 50;

    static KeepOneDelivery<String> dedup() {
        return new KeepOneDelivery<>(Types.STRING, s -> s.substring(s.indexOf('|') + 1), "dups", MAX_DELAY);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(KeepOneDelivery<String> f)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(f), s -> s.substring(0, s.indexOf('|')), Types.STRING);
    }

    static long counter(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> h, String name) {
        var value = h.getEnvironment().getAccumulatorRegistry().getUserMap().get(name);
        return value == null ? 0 : (Long) value.getLocalValue();
    }

    @Test
    void holdsARecordUntilTheWatermarkPassesItAndKeepsTheCopyFromTheFirstFile() throws Exception {
        try (var h = harness(dedup())) {
            h.open();
            h.processElement(new StreamRecord<>("e1|b.json.gz", 100));
            h.processElement(new StreamRecord<>("e2|c.json.gz", 150));
            h.processElement(new StreamRecord<>("e1|a.json.gz", 100));
            h.processWatermark(99);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(100);
            assertThat(h.extractOutputValues()).containsExactly("e1|a.json.gz");
            h.processWatermark(150);
            assertThat(h.extractOutputValues()).containsExactly("e1|a.json.gz", "e2|c.json.gz");
            assertThat(counter(h, "dups")).isEqualTo(1);
        }
    }

    @Test
    void aCopyWithinTheHorizonIsCountedAndNeverEmittedTwice() throws Exception {
        try (var h = harness(dedup())) {
            h.open();
            h.processElement(new StreamRecord<>("e1|b.json.gz", 100));
            h.processWatermark(120);
            h.processElement(new StreamRecord<>("e1|a.json.gz", 100)); // an earlier file, but too late to win
            h.processElement(new StreamRecord<>("e1|c.json.gz", 100));
            h.processWatermark(149);
            assertThat(h.extractOutputValues()).containsExactly("e1|b.json.gz");
            assertThat(counter(h, "dups")).isEqualTo(2);
            assertThat(h.getSideOutput(dedup().late())).isNull();
        }
    }

    @Test
    void forgetsTheIdOnceTheWatermarkPassesEventTimePlusMaxDelayAndSendsLaterCopiesToTheLateOutput() throws Exception {
        KeepOneDelivery<String> f = dedup();
        try (var h = harness(f)) {
            h.open();
            h.processElement(new StreamRecord<>("e1|b.json.gz", 100));
            h.processWatermark(149);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1); // the id, remembered
            h.processWatermark(150);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();

            h.processElement(new StreamRecord<>("e1|a.json.gz", 100));
            assertThat(h.extractOutputValues()).containsExactly("e1|b.json.gz");
            assertThat(h.getSideOutput(f.late()))
                    .extracting(StreamRecord::getValue)
                    .containsExactly("e1|a.json.gz");
            assertThat(counter(h, f.lateCounter())).isEqualTo(1);
            assertThat(counter(h, "dups")).isZero();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aLateFirstCopyWithinItsHorizonIsStillEmittedOnce() throws Exception {
        try (var h = harness(dedup())) {
            h.open();
            h.processWatermark(120);
            h.processElement(new StreamRecord<>("e1|a.json.gz", 100)); // behind the watermark, horizon 150 ahead
            h.processElement(new StreamRecord<>("e1|b.json.gz", 100));
            h.processWatermark(121);
            assertThat(h.extractOutputValues()).containsExactly("e1|a.json.gz");
            assertThat(counter(h, "dups")).isEqualTo(1);
        }
    }

    @Test
    void inBatchEveryTimerFiresAtTheEndOfInputAndTheFirstFileStillWins() throws Exception {
        try (var h = harness(dedup())) {
            h.open();
            h.processElement(new StreamRecord<>("e1|c.json.gz", 100));
            h.processElement(new StreamRecord<>("e1|a.json.gz", 100));
            h.processElement(new StreamRecord<>("e1|b.json.gz", 100));
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.extractOutputValues()).containsExactly("e1|a.json.gz");
            assertThat(counter(h, "dups")).isEqualTo(2);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aHeldRecordAndARememberedIdSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness(dedup())) {
            h.open();
            h.processElement(new StreamRecord<>("e1|b.json.gz", 100));
            h.processElement(new StreamRecord<>("e2|b.json.gz", 40));
            h.processWatermark(60); // e2 emitted, remembered until 90
            state = h.snapshot(1, 1);
        }
        try (var h = harness(dedup())) {
            h.initializeState(state);
            h.open();
            h.processElement(new StreamRecord<>("e1|a.json.gz", 100));
            h.processElement(new StreamRecord<>("e2|a.json.gz", 40));
            h.processWatermark(100);
            assertThat(h.extractOutputValues()).containsExactly("e1|a.json.gz");
            assertThat(counter(h, "dups")).isEqualTo(2);
        }
    }
}
