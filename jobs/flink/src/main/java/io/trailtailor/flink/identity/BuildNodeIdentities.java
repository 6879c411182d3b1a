package io.trailtailor.flink.identity;

import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.identity.NodeHistory;
import io.trailtailor.identity.NodeIdentity;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by node (JSON of [cluster, node name]): kubelet requests and node objects say which EC2 instance and
 * node-role sessions the node is; emitted, keyed by instance id, once the node's events are all in.
 *
 * <p>A node sees thousands of kubelet requests (leases, status), so events are folded into a {@link NodeHistory} as
 * they come rather than kept. The histories live in the task, not in Flink state: they are bounded by the nodes of
 * the clusters (hundreds), and in BATCH mode a node's history is dropped as soon as its key is done.
 */
final class BuildNodeIdentities
        extends KeyedProcessFunction<String, Tuple2<String, AuditEventRow>, Tuple2<String, String>> {

    private transient Map<String, NodeHistory> histories;

    @Override
    public void processElement(
            Tuple2<String, AuditEventRow> event, Context ctx, Collector<Tuple2<String, String>> out) {
        if (histories == null) {
            histories = new HashMap<>();
        }
        NodeHistory history = histories.computeIfAbsent(ctx.getCurrentKey(), key -> {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            String[] clusterAndNode = JsonCodec.read(key, String[].class);
            return new NodeHistory(clusterAndNode[0], clusterAndNode[1]);
        });
        history.accept(AvroMapper.fromAvro(event.f1));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<String, String>> out) {
        NodeHistory history = histories.remove(ctx.getCurrentKey());
        NodeIdentity node = history == null ? null : history.identity();
        if (node != null && node.instanceId() != null) {
            out.collect(Tuple2.of(node.instanceId(), JsonCodec.write(node)));
        }
    }
}
