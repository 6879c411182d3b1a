package io.trailtailor.flink.identity;

import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.stream.AttributedApiCall;
import io.trailtailor.identity.AttributedCall;
import io.trailtailor.identity.Attributor;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.NodeIdentity;
import io.trailtailor.identity.PodLifetime;
import io.trailtailor.identity.WorkloadSummary;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/**
 * Calls that meet their candidate pods per call (first input: the pods of the key, kept until deleted plus the
 * retention; second input: the calls, waiting for them), in two joins:
 * <ul>
 *   <li>keyed by node: calls made with a node's instance-profile session, candidates being the pods on that node
 *       alive at the call (the node comes with the call);
 *   <li>keyed by pod scope (service account, pod uid, Pod Identity routing key): calls whose session was inferred in
 *       the call join, so never met its pods there (issuing event outside the input, or the mint event itself).
 * </ul>
 * Each call that names a workload leaves its workload part, as the call join does per session.
 */
final class AttributeWithPods extends PodEnrichment<NodeCall, AttributedApiCall> {

    private final IdentityConfig config;
    private transient Attributor attributor;
    private transient CallCounts counts;

    AttributeWithPods(IdentityConfig config, long waitMillis, long retainMillis) {
        super(TypeInformation.of(NodeCall.class), waitMillis, retainMillis);
        this.config = config;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        attributor = config.attributor();
        counts = new CallCounts(getRuntimeContext());
    }

    @Override
    protected void decide(
            String key,
            List<Tuple2<String, String>> podJson,
            List<NodeCall> calls,
            OnTimerContext ctx,
            Collector<AttributedApiCall> out)
            throws Exception {
        List<PodLifetime> pods = Pods.decode(podJson);
        for (NodeCall call : calls) {
            CredentialSession session =
                    call.session == null ? null : JsonCodec.read(call.session, CredentialSession.class);
            NodeIdentity node = call.node == null ? null : JsonCodec.read(call.node, NodeIdentity.class);
            AttributedCall attributed = attributor.attribute(AvroMapper.fromAvro(call.call), session, node, pods);
            counts.add(attributed);
            WorkloadSummary.Key workload = WorkloadSummary.Aggregator.keyOf(attributed);
            if (workload != null) {
                WorkloadSummary.Aggregator part = new WorkloadSummary.Aggregator(workload);
                part.addCall(attributed);
                WorkloadSummary w = part.result();
                ctx.output(AttributeCalls.WORKLOADS, Tuple2.of(Workloads.key(w), JsonCodec.write(w)));
            }
            out.collect(new AttributedApiCall(call.call, IdentityAvro.toAvro(attributed)));
        }
    }
}
