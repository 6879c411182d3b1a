package io.trailtailor.flink.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The join primitive on plain strings: small records are "key:name:end" (end in ms, "-" while running), big ones
 * "key:id"; the output names each big record and the small names it met.
 */
class KeyedEnrichmentTest {

    private static final long WAIT = 100;
    private static final long RETAIN = 50;

    /** A test subject: the decision is "id=names". */
    static final class Join extends KeyedEnrichment<String, String, String, String> {
        Join() {
            super(Types.STRING, Types.STRING, WAIT, RETAIN);
        }

        @Override
        protected long endOf(String small) {
            String end = small.split(":")[2];
            return end.equals("-") ? EventTimes.NEVER : Long.parseLong(end);
        }

        @Override
        protected boolean hasIdentity() {
            return true;
        }

        @Override
        protected String identityOf(String small) {
            return small.split(":")[1];
        }

        @Override
        protected void decide(
                String key, List<String> small, List<String> due, OnTimerContext ctx, Collector<String> out) {
            List<String> names = small.stream()
                    .map(s -> s.split(":")[1] + "@" + s.split(":")[2])
                    .toList();
            for (String big : due) {
                out.collect(big.split(":")[1] + "=" + names);
            }
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, String, String, String> harness() throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new Join()), s -> s.split(":")[0], s -> s.split(":")[0], Types.STRING);
        return h;
    }

    @Test
    void aCallBeforeItsSessionWaitsForIt() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement2(new StreamRecord<>("k:call1", 10));
            h.processBothWatermarks(new Watermark(50));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement1(new StreamRecord<>("k:s1:-", 40));
            h.processBothWatermarks(new Watermark(110));
            assertThat(h.extractOutputValues()).containsExactly("call1=[s1@-]");
        }
    }

    @Test
    void aSessionThatNeverComesLeavesTheCallDecidedWithoutIt() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement2(new StreamRecord<>("k:call1", 10));
            h.processElement1(new StreamRecord<>("other:s1:-", 10));
            h.processBothWatermarks(new Watermark(109));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processBothWatermarks(new Watermark(110));
            assertThat(h.extractOutputValues()).containsExactly("call1=[]");
            assertThat(h.numKeyedStateEntries()).isEqualTo(1); // only other's session
        }
    }

    @Test
    void aNewerSmallRecordReplacesTheKeptOneAndExpiredOnesAreGone() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement1(new StreamRecord<>("k:pod:-", 0));
            h.processElement1(new StreamRecord<>("k:pod:20", 5)); // the pod was deleted at 20: kept until 70
            h.processElement1(new StreamRecord<>("k:other:-", 5));
            h.processElement2(new StreamRecord<>("k:early", 10));
            h.processBothWatermarks(new Watermark(200));
            h.processElement2(new StreamRecord<>("k:late", 210));
            h.processBothWatermarks(new Watermark(400));
            assertThat(h.extractOutputValues()).containsExactly("early=[pod@20, other@-]", "late=[other@-]");
        }
    }

    @Test
    void aSmallRecordStaysWhileCallsOfItsKeyStillWait() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement1(new StreamRecord<>("k:pod:20", 0)); // expires at 70
            h.processElement2(new StreamRecord<>("k:call", 60)); // decided at 160
            h.processBothWatermarks(new Watermark(160));
            assertThat(h.extractOutputValues()).containsExactly("call=[pod@20]");
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void survivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            h.processElement2(new StreamRecord<>("k:call1", 10));
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            h.processElement1(new StreamRecord<>("k:s1:-", 30));
            h.processBothWatermarks(new Watermark(110));
            assertThat(h.extractOutputValues()).containsExactly("call1=[s1@-]");
        }
    }
}
