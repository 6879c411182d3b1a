package io.trailtailor.flink.stream;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Merges records of one key before the shuffle to a {@link PerKeySnapshot} of the same key and merge, chained to
 * the operator that makes them: calls repeat the same action on the same resource, the same workload, the same node
 * role, so most records would otherwise be serialized, sorted and merged one by one. Partial merges leave at the end
 * of input, before every watermark and checkpoint barrier (nothing is held across a checkpoint, so no state is
 * needed), and when {@link #MAX_KEYS} keys are held (bounded memory). The merge is order-independent (as {@link
 * PerKeySnapshot} requires), so the keyed merge downstream gives the same values.
 */
public final class CombineBeforeShuffle<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, BoundedOneInput {

    public static final int MAX_KEYS = 20_000;

    private final KeySelector<T, String> key;
    private final PerKeySnapshot.Merge<T> merge;
    private transient Map<String, Partial<T>> partials;

    /** A partial merge and the newest timestamp of the records in it (the downstream timer follows event time). */
    private static final class Partial<T> {
        T value;
        long timestamp;
        boolean hasTimestamp;
    }

    public CombineBeforeShuffle(KeySelector<T, String> key, PerKeySnapshot.Merge<T> merge) {
        this.key = key;
        this.merge = merge;
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    /** {@code in}, combined per key where it is made; {@code uid} names the (stateless) operator. */
    public static <T> DataStream<T> of(
            DataStream<T> in,
            TypeInformation<T> type,
            KeySelector<T, String> key,
            PerKeySnapshot.Merge<T> merge,
            String name,
            String uid) {
        return in.transform(name, type, new CombineBeforeShuffle<>(key, merge)).uid(uid);
    }

    @Override
    public void open() throws Exception {
        super.open();
        partials = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        T value = element.getValue();
        String k = key.getKey(value);
        Partial<T> p = partials.get(k);
        if (p == null) {
            if (partials.size() >= MAX_KEYS) {
                flush();
            }
            p = new Partial<>();
            p.value = value;
            partials.put(k, p);
        } else {
            p.value = merge.merge(p.value, value);
        }
        if (element.hasTimestamp()) {
            p.timestamp = p.hasTimestamp ? Math.max(p.timestamp, element.getTimestamp()) : element.getTimestamp();
            p.hasTimestamp = true;
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush(); // records before the watermark must reach the keyed merge before it does
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
        for (Partial<T> p : partials.values()) {
            output.collect(p.hasTimestamp ? new StreamRecord<>(p.value, p.timestamp) : new StreamRecord<>(p.value));
        }
        partials.clear();
    }
}
