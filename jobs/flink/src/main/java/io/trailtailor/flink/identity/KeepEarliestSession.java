package io.trailtailor.flink.identity;

import io.trailtailor.identity.CredentialSession;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** One session per access key: a key is minted once, so of two issuing events for it the earlier one stands. */
final class KeepEarliestSession extends KeyedProcessFunction<String, Tuple2<String, String>, Tuple2<String, String>> {

    private transient ValueState<String> kept;

    @Override
    public void open(OpenContext context) {
        kept = getRuntimeContext().getState(new ValueStateDescriptor<>("session", Types.STRING));
    }

    @Override
    public void processElement(Tuple2<String, String> session, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        String current = kept.value();
        if (current == null) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            kept.update(session.f1);
        } else if (earlier(session.f1, current)) {
            kept.update(session.f1);
        }
    }

    private static boolean earlier(String candidate, String current) {
        CredentialSession a = JsonCodec.read(candidate, CredentialSession.class);
        CredentialSession b = JsonCodec.read(current, CredentialSession.class);
        if (a.issuedAt() == null || b.issuedAt() == null) {
            return b.issuedAt() == null && a.issuedAt() != null;
        }
        return a.issuedAt().isBefore(b.issuedAt())
                || (a.issuedAt().equals(b.issuedAt())
                        && String.valueOf(a.issuingEventId()).compareTo(String.valueOf(b.issuingEventId())) < 0);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<String, String>> out) throws Exception {
        out.collect(Tuple2.of(ctx.getCurrentKey(), kept.value()));
        kept.clear();
    }
}
