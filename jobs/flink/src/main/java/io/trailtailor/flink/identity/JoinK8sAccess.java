package io.trailtailor.flink.identity;

import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.avro.K8sAccessRow;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.K8sAccess;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by access key: Kubernetes API requests made by IAM principals (second input) joined to the AWS session that
 * signed them (first input), so a pod's role acting on another cluster is one row.
 */
final class JoinK8sAccess extends KeyedCoProcessFunction<String, Tuple2<String, String>, AuditEventRow, K8sAccessRow> {

    private transient ValueState<String> session;

    @Override
    public void open(OpenContext context) {
        session = getRuntimeContext().getState(new ValueStateDescriptor<>("session", Types.STRING));
    }

    @Override
    public void processElement1(Tuple2<String, String> withPods, Context ctx, Collector<K8sAccessRow> out)
            throws Exception {
        session.update(withPods.f1);
    }

    @Override
    public void processElement2(AuditEventRow event, Context ctx, Collector<K8sAccessRow> out) throws Exception {
        String json = session.value();
        CredentialSession s = json == null
                ? null
                : JsonCodec.read(json, SessionWithPods.class).session();
        K8sAccess.of(AvroMapper.fromAvro(event), s).map(IdentityAvro::toAvro).ifPresent(out::collect);
    }
}
