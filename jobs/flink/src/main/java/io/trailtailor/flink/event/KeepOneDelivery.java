package io.trailtailor.flink.event;

import java.io.Serializable;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps one copy of each record CloudTrail (or a log shipper) delivered more than once, keyed by its event id, and
 * counts the copies it drops. Which copy is kept is decided by source file name, so that the output does not depend
 * on the order in which parallel readers happened to deliver them. In BATCH mode the timer at the end of time fires
 * once a key's records are all in.
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
    private transient ValueState<T> kept;
    private transient LongCounter duplicates;

    public KeepOneDelivery(TypeInformation<T> type, SourceOf<T> sourceOf, String duplicatesCounter) {
        this.type = type;
        this.sourceOf = sourceOf;
        this.duplicatesCounter = duplicatesCounter;
    }

    @Override
    public void open(OpenContext context) {
        kept = getRuntimeContext().getState(new ValueStateDescriptor<>("kept", type));
        duplicates = new LongCounter();
        getRuntimeContext().addAccumulator(duplicatesCounter, duplicates);
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) throws Exception {
        T current = kept.value();
        if (current == null) {
            kept.update(record);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        duplicates.add(1);
        if (sourceOf.file(record).compareTo(sourceOf.file(current)) < 0) {
            kept.update(record);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        T record = kept.value();
        if (record != null) {
            out.collect(record);
            kept.clear();
        }
    }
}
