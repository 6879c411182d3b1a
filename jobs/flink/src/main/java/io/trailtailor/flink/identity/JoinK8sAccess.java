package io.trailtailor.flink.identity;

import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.avro.K8sAccessRow;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.K8sAccess;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/**
 * Keyed by access key: Kubernetes API requests made by IAM principals (second input, waiting for their session)
 * joined to the AWS session that signed them (first input, kept until its credentials expire plus the retention;
 * a re-emitted session replaces the kept one), so a pod's role acting on another cluster is one row.
 */
final class JoinK8sAccess extends KeyedEnrichment<String, Tuple2<String, String>, AuditEventRow, K8sAccessRow> {

    JoinK8sAccess(long waitMillis, long retainMillis) {
        super(Keyed.KEYED_JSON, TypeInformation.of(AuditEventRow.class), waitMillis, retainMillis);
    }

    @Override
    protected long endOf(Tuple2<String, String> withPods) {
        return EventTimes.millis(session(withPods).expiresAt());
    }

    @Override
    protected boolean hasIdentity() {
        return true;
    }

    @Override
    protected String identityOf(Tuple2<String, String> withPods) {
        return withPods.f0;
    }

    private static CredentialSession session(Tuple2<String, String> withPods) {
        return JsonCodec.read(withPods.f1, SessionWithPods.class).session();
    }

    @Override
    protected void decide(
            String accessKey,
            List<Tuple2<String, String>> sessions,
            List<AuditEventRow> requests,
            OnTimerContext ctx,
            Collector<K8sAccessRow> out) {
        CredentialSession s = sessions.isEmpty() ? null : session(sessions.get(sessions.size() - 1));
        for (AuditEventRow event : requests) {
            K8sAccess.of(AvroMapper.fromAvro(event), s)
                    .map(IdentityAvro::toAvro)
                    .ifPresent(out::collect);
        }
    }
}
