package io.trailtailor.flink.identity;

import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.PodLifetime;
import java.time.Duration;
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
 * Keyed by pod scope (service account, pod uid or Pod Identity routing key): pods (first input) meet the sessions
 * that may have been used by them (second input). An IRSA session keeps only the pods alive when it was issued,
 * which is what the attributor will ask; the output is keyed by access key again.
 */
final class AttachPods
        extends KeyedCoProcessFunction<String, Tuple2<String, String>, Tuple2<String, String>, Tuple2<String, String>> {

    private final long skewMillis;
    private transient ListState<String> pods;

    AttachPods(long skewMillis) {
        this.skewMillis = skewMillis;
    }

    @Override
    public void open(OpenContext context) {
        pods = getRuntimeContext().getListState(new ListStateDescriptor<>("pods", Types.STRING));
    }

    @Override
    public void processElement1(Tuple2<String, String> pod, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        pods.add(pod.f1);
    }

    @Override
    public void processElement2(Tuple2<String, String> session, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        CredentialSession s = JsonCodec.read(session.f1, CredentialSession.class);
        boolean atIssue = ctx.getCurrentKey().startsWith("sa|") && s.issuedAt() != null;
        List<PodLifetime> candidates = new ArrayList<>();
        for (String json : pods.get()) {
            PodLifetime p = JsonCodec.read(json, PodLifetime.class);
            if (!atIssue || p.aliveAt(s.issuedAt(), Duration.ofMillis(skewMillis))) {
                candidates.add(p);
            }
        }
        out.collect(Tuple2.of(s.accessKeyId(), JsonCodec.write(SessionWithPods.attached(s, candidates))));
    }
}
