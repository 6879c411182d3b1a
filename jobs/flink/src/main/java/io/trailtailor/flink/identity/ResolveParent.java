package io.trailtailor.flink.identity;

import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.SessionChain;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One hop of a role chain, keyed by the parent's access key: the parent session (first input) gives its chained
 * children (second input) their root principal and the workload behind it. Run twice, chains of three resolve.
 */
final class ResolveParent
        extends KeyedCoProcessFunction<String, Tuple2<String, String>, Tuple2<String, String>, Tuple2<String, String>> {

    private transient ValueState<String> parent;

    @Override
    public void open(OpenContext context) {
        parent = getRuntimeContext().getState(new ValueStateDescriptor<>("parent", Types.STRING));
    }

    @Override
    public void processElement1(Tuple2<String, String> session, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        parent.update(session.f1);
    }

    @Override
    public void processElement2(Tuple2<String, String> child, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        String known = parent.value();
        if (known == null) {
            out.collect(child);
            return;
        }
        CredentialSession p = JsonCodec.read(known, CredentialSession.class);
        CredentialSession resolved = SessionChain.resolve(
                JsonCodec.read(child.f1, CredentialSession.class), key -> key.equals(p.accessKeyId()) ? p : null);
        out.collect(Tuple2.of(child.f0, JsonCodec.write(resolved)));
    }
}
