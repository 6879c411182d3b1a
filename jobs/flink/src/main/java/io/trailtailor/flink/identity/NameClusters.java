package io.trailtailor.flink.identity;

import io.trailtailor.identity.ClusterDirectory;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.SessionExtractor;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/**
 * Keyed by OIDC issuer: names the cluster of web-identity sessions (second input, waiting until event time says
 * the name had its chance) from the issuer → cluster pairs {@link IssuerNames} decided (first input), on top of the
 * clusters the operator named. Names are a handful per run and are kept for the whole run; of two names for one
 * issuer the smaller stands, whichever came first.
 */
final class NameClusters
        extends KeyedEnrichment<String, Tuple2<String, String>, Tuple2<String, String>, Tuple2<String, String>> {

    private final IdentityConfig config;

    NameClusters(IdentityConfig config, long waitMillis) {
        super(Keyed.KEYED_JSON, Keyed.KEYED_JSON, waitMillis, 0);
        this.config = config;
    }

    @Override
    protected long endOf(Tuple2<String, String> issuerAndName) {
        return EventTimes.NEVER;
    }

    @Override
    protected void decide(
            String issuer,
            List<Tuple2<String, String>> names,
            List<Tuple2<String, String>> sessions,
            OnTimerContext ctx,
            Collector<Tuple2<String, String>> out) {
        String name = null;
        for (Tuple2<String, String> n : names) {
            if (name == null || n.f1.compareTo(name) < 0) {
                name = n.f1;
            }
        }
        if (name == null) {
            sessions.forEach(out::collect);
            return;
        }
        ClusterDirectory directory = config.directory();
        directory.add(name, issuer);
        SessionExtractor extractor = new SessionExtractor(directory);
        for (Tuple2<String, String> session : sessions) {
            CredentialSession named =
                    extractor.withCurrentClusterName(JsonCodec.read(session.f1, CredentialSession.class));
            out.collect(Tuple2.of(session.f0, JsonCodec.write(named)));
        }
    }
}
