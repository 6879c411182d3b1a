package io.trailtailor.flink.policy;

import static io.trailtailor.flink.policy.SynthesizePolicyTest.BUCKET;
import static io.trailtailor.flink.policy.SynthesizePolicyTest.ROLE;
import static io.trailtailor.flink.policy.SynthesizePolicyTest.use;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.stream.CombineBeforeShuffle;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link CombineBeforeShuffle} of usage rows on Flink's operator harness: rows of one usage key leave as one partial sum, never later than the
 * next watermark, checkpoint barrier or end of input, with the newest row's timestamp; rows of other keys stay apart.
 */
class CombineUsageBeforeShuffleTest {

    static OneInputStreamOperatorTestHarness<UsageEntry, UsageEntry> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new CombineBeforeShuffle<>(UsageEntry::usageKey, UsageEntry::merge));
    }

    static List<UsageEntry> rows(OneInputStreamOperatorTestHarness<UsageEntry, UsageEntry> h) {
        return h.extractOutputValues();
    }

    @Test
    void sumsEachUsageKeyAndEmitsItBeforeTheWatermarkWithItsNewestTimestamp() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:GetObject", BUCKET + "/a", 1, 300), 300));
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:GetObject", BUCKET + "/a", 1, 100), 100));
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:ListBucket", BUCKET, 1, 200), 200));
            assertThat(h.getOutput()).isEmpty();

            h.processWatermark(new Watermark(50));

            Map<String, UsageEntry> byAction = new TreeMap<>();
            Map<String, Long> timestamps = new TreeMap<>();
            List<Object> out = List.copyOf(h.getOutput());
            assertThat(out.get(out.size() - 1)).isEqualTo(new Watermark(50)); // after the sums, never before
            for (Object o : out.subList(0, out.size() - 1)) {
                @SuppressWarnings("unchecked")
                StreamRecord<UsageEntry> r = (StreamRecord<UsageEntry>) o;
                byAction.put(r.getValue().action, r.getValue());
                timestamps.put(r.getValue().action, r.getTimestamp());
            }
            assertThat(byAction).containsOnlyKeys("s3:GetObject", "s3:ListBucket");
            UsageEntry get = byAction.get("s3:GetObject");
            assertThat(get.calls).isEqualTo(2);
            assertThat(get.firstSeen).isEqualTo(100);
            assertThat(get.lastSeen).isEqualTo(300);
            assertThat(get.evidence).containsExactly("e-100", "e-300");
            assertThat(timestamps).containsEntry("s3:GetObject", 300L).containsEntry("s3:ListBucket", 200L);
            assertThat(byAction.get("s3:ListBucket").calls).isEqualTo(1);
        }
    }

    @Test
    void holdsNothingAcrossABarrierOrTheEndOfInput() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:GetObject", BUCKET + "/a", 1, 100), 100));
            h.prepareSnapshotPreBarrier(1);
            assertThat(rows(h)).extracting(u -> u.calls).containsExactly(1L);

            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:GetObject", BUCKET + "/a", 1, 200), 200));
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:GetObject", BUCKET + "/a", 1, 250), 250));
            h.endInput();
            assertThat(rows(h)).extracting(u -> u.calls).containsExactly(1L, 2L);
        }
    }

    @Test
    void emitsWhatItHoldsOnceTooManyKeysAreHeld() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int i = 0; i <= CombineBeforeShuffle.MAX_KEYS; i++) {
                h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:GetObject", BUCKET + "/" + i, 1, i), i));
            }
            assertThat(rows(h)).hasSize(CombineBeforeShuffle.MAX_KEYS); // the next key made room
            h.endInput();
            assertThat(rows(h)).hasSize(CombineBeforeShuffle.MAX_KEYS + 1);
        }
    }
}
