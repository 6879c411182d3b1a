package io.trailtailor.flink.identity;

import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.identity.NodeHistory;
import io.trailtailor.identity.NodeIdentity;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by node (JSON of [cluster, node name]): kubelet requests and node objects say which EC2 instance and
 * node-role sessions the node is; emitted, keyed by instance id, when the watermark passes the newest event by
 * {@code waitMillis} (once in BATCH, again in STREAMING when more came). Events are folded into a
 * {@link NodeHistory} kept in Flink state ({@link NodeHistoryCodec}); it is forgotten once the node was last seen
 * plus {@code retainMillis}.
 */
final class BuildNodeIdentities
        extends KeyedProcessFunction<String, Tuple2<String, AuditEventRow>, Tuple2<String, String>> {

    private final long waitMillis;
    private final long retainMillis;
    private transient ValueState<String> history;
    private transient ValueState<Long> emitAt;
    private transient ValueState<Long> expireAt;
    /** The decoded history of the key last touched: kubelet requests come in runs of one node. */
    private transient String cachedKey;

    private transient NodeHistory cached;

    BuildNodeIdentities(long waitMillis, long retainMillis) {
        this.waitMillis = waitMillis;
        this.retainMillis = retainMillis;
    }

    @Override
    public void open(OpenContext context) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("node-history", Types.STRING));
        emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
        expireAt = getRuntimeContext().getState(new ValueStateDescriptor<>("expire-at", Types.LONG));
    }

    @Override
    public void processElement(Tuple2<String, AuditEventRow> event, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        NodeHistory h = current(ctx.getCurrentKey());
        h.accept(AvroMapper.fromAvro(event.f1));
        history.update(NodeHistoryCodec.write(h)); // even an event that says nothing new moves first/last seen
        if (emitAt.value() == null) {
            long at = EventTimes.decideAt(
                    ctx.timestamp(), waitMillis, ctx.timerService().currentWatermark());
            ctx.timerService().registerEventTimeTimer(at);
            emitAt.update(at);
        }
    }

    private NodeHistory current(String key) throws Exception {
        if (!key.equals(cachedKey)) {
            String json = history.value();
            if (json != null) {
                cached = NodeHistoryCodec.read(json);
            } else {
                String[] clusterAndNode = JsonCodec.read(key, String[].class);
                cached = new NodeHistory(clusterAndNode[0], clusterAndNode[1]);
            }
            cachedKey = key;
        }
        return cached;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<String, String>> out) throws Exception {
        Long emit = emitAt.value();
        if (emit != null && emit == timestamp) {
            emitAt.clear();
            NodeIdentity node = current(ctx.getCurrentKey()).identity();
            if (node.instanceId() != null) {
                out.collect(Tuple2.of(node.instanceId(), JsonCodec.write(node)));
            }
            long seen = node.lastSeen() == null
                    ? timestamp
                    : Math.max(node.lastSeen().toEpochMilli(), timestamp);
            long expire = EventTimes.plus(seen, retainMillis);
            ctx.timerService().registerEventTimeTimer(expire);
            expireAt.update(expire);
        }
        Long expire = expireAt.value();
        if (expire != null && expire <= timestamp && emitAt.value() == null) {
            history.clear();
            expireAt.clear();
            cachedKey = null;
        }
    }
}
