package io.trailtailor.flink.identity;

import io.trailtailor.identity.NodeIdentity;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/**
 * Keyed by EC2 instance id: the node the audit log knows for the instance (first input, kept until it was last
 * seen plus the retention) joins its calls (second input, waiting for it). Of several nodes seen on one instance,
 * the one seen last stands.
 */
final class AttachNode extends KeyedEnrichment<String, Tuple2<String, String>, NodeCall, NodeCall> {

    AttachNode(long waitMillis, long retainMillis) {
        super(Keyed.KEYED_JSON, TypeInformation.of(NodeCall.class), waitMillis, retainMillis);
    }

    @Override
    protected long endOf(Tuple2<String, String> node) {
        return EventTimes.millis(JsonCodec.read(node.f1, NodeIdentity.class).lastSeen());
    }

    @Override
    protected boolean hasIdentity() {
        return true;
    }

    @Override
    protected String identityOf(Tuple2<String, String> node) {
        NodeIdentity n = JsonCodec.read(node.f1, NodeIdentity.class);
        return n.cluster() + "|" + n.nodeName();
    }

    @Override
    protected void decide(
            String instance,
            List<Tuple2<String, String>> nodes,
            List<NodeCall> calls,
            OnTimerContext ctx,
            Collector<NodeCall> out) {
        String node = null;
        Instant latest = null;
        for (Tuple2<String, String> t : nodes) {
            NodeIdentity n = JsonCodec.read(t.f1, NodeIdentity.class);
            if (node == null
                    || (n.lastSeen() != null && (latest == null || n.lastSeen().isAfter(latest)))) {
                node = t.f1;
                latest = n.lastSeen();
            }
        }
        for (NodeCall call : calls) {
            out.collect(new NodeCall(call.call, call.session, node));
        }
    }
}
