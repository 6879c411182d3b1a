package io.trailtailor.flink.identity;

import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.stream.AttributedApiCall;
import io.trailtailor.identity.AttributedCall;
import io.trailtailor.identity.Attributor;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.NodeIdentity;
import io.trailtailor.identity.PodLifetime;
import io.trailtailor.identity.WorkloadSummary;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Calls that meet their candidate pods per call (first input: the pods of the key), in two joins:
 * <ul>
 *   <li>keyed by node: calls made with a node's instance-profile session, candidates being the pods on that node
 *       alive at the call (the node comes with the call);
 *   <li>keyed by pod scope (service account, pod uid, Pod Identity routing key): calls whose session was inferred in
 *       the call join, so never met its pods there (issuing event outside the input, or the mint event itself).
 * </ul>
 * Each call that names a workload leaves its workload part, as the call join does per session.
 */
final class AttributeWithPods
        extends KeyedCoProcessFunction<String, Tuple2<String, String>, NodeCall, AttributedApiCall> {

    private final IdentityConfig config;
    private transient Attributor attributor;
    private transient ListState<String> pods;
    private transient CallCounts counts;
    private transient String cachedKey;
    private transient List<PodLifetime> cachedPods;

    AttributeWithPods(IdentityConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        attributor = config.attributor();
        pods = getRuntimeContext().getListState(new ListStateDescriptor<>("pods", Types.STRING));
        counts = new CallCounts(getRuntimeContext());
    }

    @Override
    public void processElement1(Tuple2<String, String> pod, Context ctx, Collector<AttributedApiCall> out)
            throws Exception {
        pods.add(pod.f1);
        cachedKey = null;
    }

    @Override
    public void processElement2(NodeCall call, Context ctx, Collector<AttributedApiCall> out) throws Exception {
        CredentialSession session = call.session == null ? null : JsonCodec.read(call.session, CredentialSession.class);
        NodeIdentity node = call.node == null ? null : JsonCodec.read(call.node, NodeIdentity.class);
        AttributedCall attributed =
                attributor.attribute(AvroMapper.fromAvro(call.call), session, node, podsOf(ctx.getCurrentKey()));
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

    /** The key's pods, decoded once per key rather than once per call. */
    private List<PodLifetime> podsOf(String key) throws Exception {
        if (!key.equals(cachedKey)) {
            cachedPods = new ArrayList<>();
            for (String json : pods.get()) {
                cachedPods.add(JsonCodec.read(json, PodLifetime.class));
            }
            cachedKey = key;
        }
        return cachedPods;
    }
}
