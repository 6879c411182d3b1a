package io.trailtailor.flink.identity;

import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.EarliestSession;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One session per access key ({@link EarliestSession}): the first issuing event of a key waits until the watermark
 * passes it by {@code waitMillis}, so a duplicate delivered out of order can still win; then the standing session
 * leaves. An earlier one arriving after that is re-emitted (downstream joins keep the newest per key). The key is
 * forgotten once its credentials expired plus {@code retainMillis}.
 */
final class KeepEarliestSession extends KeyedProcessFunction<String, Tuple2<String, String>, Tuple2<String, String>> {

    /** Issuing events without an expiration (none seen in CloudTrail) are kept as long as the longest STS session. */
    static final long LONGEST_SESSION_MILLIS = 36L * 3600 * 1000;

    private final long waitMillis;
    private final long retainMillis;
    private transient ValueState<String> kept;
    private transient ValueState<Long> emitAt;
    private transient ValueState<Long> expireAt;

    KeepEarliestSession(long waitMillis, long retainMillis) {
        this.waitMillis = waitMillis;
        this.retainMillis = retainMillis;
    }

    @Override
    public void open(OpenContext context) {
        kept = getRuntimeContext().getState(new ValueStateDescriptor<>("session", Types.STRING));
        emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
        expireAt = getRuntimeContext().getState(new ValueStateDescriptor<>("expire-at", Types.LONG));
    }

    @Override
    public void processElement(Tuple2<String, String> session, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        String current = kept.value();
        CredentialSession candidate = JsonCodec.read(session.f1, CredentialSession.class);
        if (current != null
                && EarliestSession.ORDER.compare(candidate, JsonCodec.read(current, CredentialSession.class)) >= 0) {
            return;
        }
        kept.update(session.f1);
        if (expireAt.value() != null) {
            out.collect(Tuple2.of(ctx.getCurrentKey(), session.f1)); // already emitted: the earlier one replaces it
        } else if (emitAt.value() == null) {
            long at = EventTimes.decideAt(
                    ctx.timestamp(), waitMillis, ctx.timerService().currentWatermark());
            ctx.timerService().registerEventTimeTimer(at);
            emitAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<String, String>> out) throws Exception {
        Long emit = emitAt.value();
        if (emit != null && emit == timestamp) {
            String session = kept.value();
            out.collect(Tuple2.of(ctx.getCurrentKey(), session));
            emitAt.clear();
            long expire = EventTimes.plus(
                    expiryOf(JsonCodec.read(session, CredentialSession.class), timestamp), retainMillis);
            ctx.timerService().registerEventTimeTimer(expire);
            expireAt.update(expire);
        }
        Long expire = expireAt.value();
        if (expire != null && expire <= timestamp) {
            kept.clear();
            expireAt.clear();
        }
    }

    private static long expiryOf(CredentialSession s, long emittedAt) {
        if (s.expiresAt() != null) {
            return s.expiresAt().toEpochMilli();
        }
        long from = s.issuedAt() != null ? s.issuedAt().toEpochMilli() : emittedAt;
        return EventTimes.plus(from, LONGEST_SESSION_MILLIS);
    }
}
