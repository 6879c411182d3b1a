package io.trailtailor.flink.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PerKeySnapshotTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness() throws Exception {
        var operator = new KeyedProcessOperator<>(new PerKeySnapshot<String, String>(Types.STRING, (a, b) -> a + b));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(operator, s -> s.substring(0, 1), Types.STRING);
        h.open();
        return h;
    }

    @Test
    void emitsNothingUntilTheWatermarkPassesThenOneCombinedValuePerKey() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>("a1", 10));
            h.processElement(new StreamRecord<>("a2", 20));
            h.processElement(new StreamRecord<>("b1", 15));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(100);
            assertThat(h.extractOutputValues()).containsExactlyInAnyOrder("a1a2", "b1");
        }
    }

    @Test
    void aLaterRecordEmitsTheNewCombinationAtTheNextWatermark() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>("a1", 10));
            h.processWatermark(50);
            h.processElement(new StreamRecord<>("a2", 40)); // behind the watermark: still counted
            h.processWatermark(60);
            assertThat(h.extractOutputValues()).containsExactly("a1", "a1a2");
        }
    }

    @Test
    void survivesASnapshotAndRestore() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState state;
        try (var h = harness()) {
            h.processElement(new StreamRecord<>("a1", 10));
            state = h.snapshot(1, 1);
        }
        var operator = new KeyedProcessOperator<>(new PerKeySnapshot<String, String>(Types.STRING, (a, b) -> a + b));
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(operator, s -> s.substring(0, 1), Types.STRING)) {
            h.initializeState(state);
            h.open();
            h.processElement(new StreamRecord<>("a2", 20));
            h.processWatermark(100);
            assertThat(h.extractOutputValues()).containsExactly("a1a2");
        }
    }
}
