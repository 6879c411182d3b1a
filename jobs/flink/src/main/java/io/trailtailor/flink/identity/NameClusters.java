package io.trailtailor.flink.identity;

import io.trailtailor.identity.ClusterDirectory;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.SessionExtractor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by OIDC issuer: names the cluster of web-identity sessions from the issuer → cluster pairs
 * {@link IssuerNames} decided (first input), on top of the clusters the operator named.
 */
final class NameClusters
        extends KeyedCoProcessFunction<String, Tuple2<String, String>, Tuple2<String, String>, Tuple2<String, String>> {

    private final IdentityConfig config;
    private transient ValueState<String> clusterName;

    NameClusters(IdentityConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        clusterName = getRuntimeContext().getState(new ValueStateDescriptor<>("cluster", Types.STRING));
    }

    @Override
    public void processElement1(
            Tuple2<String, String> issuerAndName, Context ctx, Collector<Tuple2<String, String>> out) throws Exception {
        if (clusterName.value() == null || issuerAndName.f1.compareTo(clusterName.value()) < 0) {
            clusterName.update(issuerAndName.f1);
        }
    }

    @Override
    public void processElement2(Tuple2<String, String> session, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        String name = clusterName.value();
        if (name == null) {
            out.collect(session);
            return;
        }
        ClusterDirectory directory = config.directory();
        directory.add(name, ctx.getCurrentKey());
        CredentialSession named = new SessionExtractor(directory)
                .withCurrentClusterName(JsonCodec.read(session.f1, CredentialSession.class));
        out.collect(Tuple2.of(session.f0, JsonCodec.write(named)));
    }
}
