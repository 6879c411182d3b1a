package io.trailtailor.flink.identity;

import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.identity.PodHistory;
import io.trailtailor.identity.PodLifetime;
import io.trailtailor.identity.PodLifetime.PodKey;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by pod (cluster, namespace, name, as JSON): the pod's audit events, in any order, become its lifetimes (one
 * per uid when a name is reused), emitted as JSON once the key's events are all in.
 */
final class BuildPodLifetimes extends KeyedProcessFunction<String, Tuple2<String, AuditEventRow>, String> {

    private transient ListState<AuditEventRow> events;

    @Override
    public void open(OpenContext context) {
        events = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("pod-events", TypeInformation.of(AuditEventRow.class)));
    }

    @Override
    public void processElement(Tuple2<String, AuditEventRow> event, Context ctx, Collector<String> out)
            throws Exception {
        events.add(event.f1);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        PodHistory history = new PodHistory(JsonCodec.read(ctx.getCurrentKey(), PodKey.class));
        for (AuditEventRow e : events.get()) {
            history.accept(AvroMapper.fromAvro(e));
        }
        for (PodLifetime lifetime : history.lifetimes()) {
            out.collect(JsonCodec.write(lifetime));
        }
        events.clear();
    }
}
