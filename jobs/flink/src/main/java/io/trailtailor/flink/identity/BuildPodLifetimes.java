package io.trailtailor.flink.identity;

import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.identity.PodHistory;
import io.trailtailor.identity.PodLifetime;
import io.trailtailor.identity.PodLifetime.PodKey;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by pod (cluster, namespace, name, as JSON): the pod's audit events, in any order, become its lifetimes (one
 * per uid when a name is reused), emitted as JSON when the watermark passes the newest event by
 * {@code waitMillis}: once in BATCH (after all of the key's events), again in STREAMING whenever more events came
 * (joins downstream replace a lifetime by its uid). The events are forgotten once every lifetime has ended plus
 * {@code retainMillis}.
 */
final class BuildPodLifetimes extends KeyedProcessFunction<String, Tuple2<String, AuditEventRow>, String> {

    private final long waitMillis;
    private final long retainMillis;
    private transient ListState<AuditEventRow> events;
    private transient ValueState<Long> emitAt;
    private transient ValueState<Long> expireAt;

    BuildPodLifetimes(long waitMillis, long retainMillis) {
        this.waitMillis = waitMillis;
        this.retainMillis = retainMillis;
    }

    @Override
    public void open(OpenContext context) {
        events = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("pod-events", TypeInformation.of(AuditEventRow.class)));
        emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
        expireAt = getRuntimeContext().getState(new ValueStateDescriptor<>("expire-at", Types.LONG));
    }

    @Override
    public void processElement(Tuple2<String, AuditEventRow> event, Context ctx, Collector<String> out)
            throws Exception {
        events.add(event.f1);
        if (emitAt.value() == null) {
            long at = EventTimes.decideAt(
                    ctx.timestamp(), waitMillis, ctx.timerService().currentWatermark());
            ctx.timerService().registerEventTimeTimer(at);
            emitAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        Long emit = emitAt.value();
        if (emit != null && emit == timestamp) {
            emitAt.clear();
            PodHistory history = new PodHistory(JsonCodec.read(ctx.getCurrentKey(), PodKey.class));
            for (AuditEventRow e : events.get()) {
                history.accept(AvroMapper.fromAvro(e));
            }
            List<PodLifetime> lifetimes = history.lifetimes();
            long ended = Long.MIN_VALUE;
            for (PodLifetime lifetime : lifetimes) {
                out.collect(JsonCodec.write(lifetime));
                ended = Math.max(ended, EventTimes.millis(lifetime.end()));
            }
            if (ended != EventTimes.NEVER) {
                long expire = EventTimes.plus(Math.max(ended, timestamp), retainMillis);
                ctx.timerService().registerEventTimeTimer(expire);
                expireAt.update(expire);
            }
        }
        Long expire = expireAt.value();
        if (expire != null && expire <= timestamp && emitAt.value() == null) {
            events.clear();
            expireAt.clear();
        }
    }
}
