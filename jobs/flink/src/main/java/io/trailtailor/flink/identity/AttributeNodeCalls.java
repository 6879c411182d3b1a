package io.trailtailor.flink.identity;

import io.trailtailor.flink.analyze.AttributedApiCall;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.identity.AttributedCall;
import io.trailtailor.identity.Attributor;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.NodeIdentity;
import io.trailtailor.identity.PodLifetime;
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
 * Keyed by node (cluster, node name): the pods that ran on the node (first input) are the candidates of every call
 * made with the node's instance-profile session (second input), as far as they were alive at the call.
 */
final class AttributeNodeCalls extends KeyedCoProcessFunction<String, Tuple2<String, String>, NodeCall,
    AttributedApiCall> {

  private final IdentityConfig config;
  private transient Attributor attributor;
  private transient ListState<String> pods;
  private transient CallCounts counts;
  private transient String cachedKey;
  private transient List<PodLifetime> cachedPods;

  AttributeNodeCalls(IdentityConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext context) {
    attributor = config.attributor();
    pods = getRuntimeContext().getListState(new ListStateDescriptor<>("pods-on-node", Types.STRING));
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
    AttributedCall attributed = attributor.attribute(AvroMapper.fromAvro(call.call), session, node,
        podsOf(ctx.getCurrentKey()));
    counts.add(attributed);
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
