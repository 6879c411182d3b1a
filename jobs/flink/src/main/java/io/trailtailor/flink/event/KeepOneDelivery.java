package io.trailtailor.flink.event;

import java.io.Serializable;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps one copy of each record CloudTrail (or a log shipper) delivered more than once, keyed by its event id, and
 * counts the copies it drops. A record is held until the watermark passes its event time; of the copies seen by
 * then the one from the lexicographically first source file is emitted, so the output does not depend on the order
 * in which parallel readers delivered them. The id is then remembered until the watermark passes event time +
 * {@code maxDelay}: a copy within that horizon is counted as a duplicate, never emitted twice. After it the state is
 * cleared; a record whose horizon has already passed when it arrives cannot be told from a first copy, so it goes to
 * the {@link #late()} side output (for {@code parquet/late/}) and is counted, never silently dropped. In BATCH mode
 * the watermark is ignored: a key's timers fire once its input is over, which gives the same choice.
 */
public final class KeepOneDelivery<T> extends KeyedProcessFunction<String, T, T> {

    /** The file a record came from: the lexicographically first copy wins. */
    @FunctionalInterface
    public interface SourceOf<T> extends Serializable {
        String file(T record);
    }

    private final TypeInformation<T> type;
    private final SourceOf<T> sourceOf;
    private final String duplicatesCounter;
    private final long maxDelayMillis;
    private final OutputTag<T> late;

    private transient ValueState<T> held;
    /** Set at the first copy: when the id may be forgotten (event time + max delay). */
    private transient ValueState<Long> forgetAt;

    private transient LongCounter duplicates;
    private transient LongCounter lateArrivals;

    public KeepOneDelivery(
            TypeInformation<T> type, SourceOf<T> sourceOf, String duplicatesCounter, long maxDelayMillis) {
        if (maxDelayMillis < 0) {
            throw new IllegalArgumentException("max delay must be >= 0");
        }
        this.type = type;
        this.sourceOf = sourceOf;
        this.duplicatesCounter = duplicatesCounter;
        this.maxDelayMillis = maxDelayMillis;
        this.late = new OutputTag<>(duplicatesCounter + ".late", type);
    }

    /** Records that arrived after their dedup horizon had passed (STREAMING only). */
    public OutputTag<T> late() {
        return late;
    }

    /** The accumulator counting {@link #late()} records: the duplicates counter's name + {@code .late}. */
    public String lateCounter() {
        return duplicatesCounter + ".late";
    }

    @Override
    public void open(OpenContext context) {
        held = getRuntimeContext().getState(new ValueStateDescriptor<>("held", type));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
        duplicates = new LongCounter();
        lateArrivals = new LongCounter();
        getRuntimeContext().addAccumulator(duplicatesCounter, duplicates);
        getRuntimeContext().addAccumulator(lateCounter(), lateArrivals);
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) throws Exception {
        T current = held.value();
        if (current != null) {
            duplicates.add(1);
            if (sourceOf.file(record).compareTo(sourceOf.file(current)) < 0) {
                held.update(record);
            }
            return;
        }
        if (forgetAt.value() != null) {
            duplicates.add(1); // already emitted, still within the horizon
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        Long timestamp = ctx.timestamp();
        long eventTime = timestamp == null ? watermark + 1 : timestamp;
        long horizon = saturatedAdd(eventTime, maxDelayMillis);
        if (horizon <= watermark) {
            lateArrivals.add(1);
            ctx.output(late, record);
            return;
        }
        held.update(record);
        forgetAt.update(horizon);
        ctx.timerService().registerEventTimeTimer(Math.max(eventTime, watermark + 1));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        T record = held.value();
        Long horizon = forgetAt.value();
        if (record != null) {
            out.collect(record);
            held.clear();
            // the watermark may already be past the horizon (always in BATCH): then forget now, with no second timer
            if (horizon != null
                    && horizon > timestamp
                    && horizon > ctx.timerService().currentWatermark()) {
                ctx.timerService().registerEventTimeTimer(horizon);
                return;
            }
        } else if (horizon != null && horizon > timestamp) {
            return; // not this key's forget timer
        }
        forgetAt.clear();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
