package io.trailtailor.flink.stream;

import java.io.Serializable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Combines a key's records and emits the combination when event time says the key's input so far is complete: in
 * BATCH mode once, when the key's input is over (every event-time timer of a key fires then); in STREAMING mode
 * each time the watermark passes a record not emitted yet, one timer per key however many records arrive. The
 * output is an upsert stream: the last value per key is the answer. This replaces a rolling {@code reduce}, which
 * in STREAMING emits every intermediate value.
 */
public final class PerKeySnapshot<K, T> extends KeyedProcessFunction<K, T, T> {

    /** How two partial values of one key combine (associative; the order of arrival must not matter). */
    @FunctionalInterface
    public interface Merge<T> extends Serializable {
        T merge(T a, T b);
    }

    private final TypeInformation<T> type;
    private final Merge<T> merge;
    private transient ValueState<T> combined;
    private transient ValueState<Long> pendingTimer;

    public PerKeySnapshot(TypeInformation<T> type, Merge<T> merge) {
        this.type = type;
        this.merge = merge;
    }

    @Override
    public void open(OpenContext context) {
        combined = getRuntimeContext().getState(new ValueStateDescriptor<>("combined", type));
        pendingTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-timer", Types.LONG));
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        T previous = combined.value();
        combined.update(previous == null ? value : merge.merge(previous, value));
        if (pendingTimer.value() == null) {
            long watermark = ctx.timerService().currentWatermark();
            Long timestamp = ctx.timestamp();
            long at = Math.max(timestamp == null ? Long.MIN_VALUE : timestamp, watermark + 1);
            ctx.timerService().registerEventTimeTimer(at);
            pendingTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        pendingTimer.clear();
        T value = combined.value();
        if (value != null) {
            out.collect(value);
        }
    }
}
