package io.trailtailor.flink.policy;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums usage rows of one usage key before the shuffle to "sum usage", chained to {@link MapToUsage}: calls repeat
 * the same action on the same resource many times, so most rows would otherwise be serialized, sorted and merged one
 * by one. Partial sums are emitted at the end of input, before every watermark and checkpoint barrier (so nothing is
 * held across a checkpoint and no state is needed), and when {@link #MAX_KEYS} keys are held (bounded memory).
 * {@link UsageEntry#merge} is order-independent, so the keyed sum downstream gives the same rows.
 */
final class CombineUsage extends AbstractStreamOperator<UsageEntry>
        implements OneInputStreamOperator<UsageEntry, UsageEntry>, BoundedOneInput {

    static final int MAX_KEYS = 20_000;

    private transient Map<String, Partial> partials;

    /** A partial sum and the newest timestamp of the rows in it (the downstream timer follows event time). */
    private static final class Partial {
        UsageEntry sum;
        long timestamp;
        boolean hasTimestamp;
    }

    CombineUsage() {
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        partials = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<UsageEntry> element) {
        UsageEntry row = element.getValue();
        Partial p = partials.get(row.usageKey());
        if (p == null) {
            if (partials.size() >= MAX_KEYS) {
                flush();
            }
            p = new Partial();
            p.sum = row;
            partials.put(row.usageKey(), p);
        } else {
            p.sum = UsageEntry.merge(p.sum, row);
        }
        if (element.hasTimestamp()) {
            p.timestamp = p.hasTimestamp ? Math.max(p.timestamp, element.getTimestamp()) : element.getTimestamp();
            p.hasTimestamp = true;
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush(); // rows before the watermark must reach the keyed sum before it does
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        for (Partial p : partials.values()) {
            output.collect(p.hasTimestamp ? new StreamRecord<>(p.sum, p.timestamp) : new StreamRecord<>(p.sum));
        }
        partials.clear();
    }
}
