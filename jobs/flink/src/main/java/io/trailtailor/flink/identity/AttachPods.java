package io.trailtailor.flink.identity;

import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.PodLifetime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/**
 * Keyed by pod scope (service account, pod uid or Pod Identity routing key): pods (first input, kept until their
 * deletion plus the retention) meet the sessions that may have been used by them (second input, waiting for
 * them). An IRSA session keeps only the pods alive when it was issued, which is what the attributor will ask; the
 * output is keyed by access key again.
 */
final class AttachPods extends PodEnrichment<Tuple2<String, String>, Tuple2<String, String>> {

    private final long skewMillis;

    AttachPods(long skewMillis, long waitMillis, long retainMillis) {
        super(Keyed.KEYED_JSON, waitMillis, retainMillis);
        this.skewMillis = skewMillis;
    }

    @Override
    protected void decide(
            String scope,
            List<Tuple2<String, String>> podJson,
            List<Tuple2<String, String>> sessions,
            OnTimerContext ctx,
            Collector<Tuple2<String, String>> out) {
        List<PodLifetime> pods = Pods.decode(podJson);
        boolean serviceAccountScope = scope.startsWith("sa|");
        for (Tuple2<String, String> session : sessions) {
            CredentialSession s = JsonCodec.read(session.f1, CredentialSession.class);
            boolean atIssue = serviceAccountScope && s.issuedAt() != null;
            List<PodLifetime> candidates = new ArrayList<>();
            for (PodLifetime p : pods) {
                if (!atIssue || p.aliveAt(s.issuedAt(), Duration.ofMillis(skewMillis))) {
                    candidates.add(p);
                }
            }
            out.collect(Tuple2.of(s.accessKeyId(), JsonCodec.write(SessionWithPods.attached(s, candidates))));
        }
    }
}
