package io.trailtailor.flink.identity;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The one join of the attribution stage, the same in BATCH and STREAMING: per key, the small side (first input:
 * sessions, pods, nodes, cluster names) is kept in state until it expires by event time; the big side (second
 * input) waits in state until the watermark passes its event time by {@code waitMillis}, then is decided with
 * whatever small side has arrived ({@link #decide}), a missing one included. Small records expire at their own end
 * plus {@code retainMillis}, but never while big records of their key still wait, so a small record is there for
 * every big one that arrived in time.
 *
 * <p>In BATCH mode every timer of a key fires after all of the key's input, so each big record meets the whole
 * small side, exactly as the earlier sort-order joins did. Only event-time timers are used.
 */
abstract class KeyedEnrichment<K, S, B, O> extends KeyedCoProcessFunction<K, S, B, O> {

    private final TypeInformation<S> smallType;
    private final TypeInformation<B> bigType;
    private final long waitMillis;
    private final long retainMillis;
    private transient KeptRecords<S> kept;
    private transient WaitingRecords<B> waiting;

    KeyedEnrichment(TypeInformation<S> smallType, TypeInformation<B> bigType, long waitMillis, long retainMillis) {
        this.smallType = smallType;
        this.bigType = bigType;
        this.waitMillis = waitMillis;
        this.retainMillis = retainMillis;
    }

    /** Event time at which a small record's subject ended ({@link EventTimes#NEVER} while it has not). */
    protected abstract long endOf(S small);

    /** What makes two small records the same (a newer one replaces the kept one); null keeps every record. */
    protected String identityOf(S small) {
        return null;
    }

    /**
     * Decides the big records due now with the key's small side (empty when it never came); {@code ctx} serves
     * side outputs.
     */
    protected abstract void decide(K key, List<S> small, List<B> due, OnTimerContext ctx, Collector<O> out)
            throws Exception;

    @Override
    public void open(OpenContext context) throws Exception {
        kept = new KeptRecords<>(
                getRuntimeContext(),
                "kept",
                smallType,
                s -> EventTimes.plus(endOf(s), retainMillis),
                hasIdentity() ? this::identityOf : null);
        waiting = new WaitingRecords<>(getRuntimeContext(), "waiting", bigType);
    }

    /** Whether small records have an identity ({@link #identityOf}); subclasses that override it say so here. */
    protected boolean hasIdentity() {
        return false;
    }

    @Override
    public void processElement1(S small, Context ctx, Collector<O> out) throws Exception {
        kept.keep(small, ctx.timerService());
    }

    @Override
    public void processElement2(B big, Context ctx, Collector<O> out) throws Exception {
        waiting.add(big, ctx.timestamp(), waitMillis, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {
        List<B> due = waiting.take(timestamp);
        if (!due.isEmpty()) {
            decide(ctx.getCurrentKey(), kept.get(), due, ctx, out);
        }
        if (waiting.isEmpty()) {
            kept.expire(timestamp);
        }
    }
}
