package io.trailtailor.flink.alerts;

import io.trailtailor.alerts.AlertRoutes;
import io.trailtailor.avro.CredentialSessionRow;
import io.trailtailor.avro.K8sAccessRow;
import io.trailtailor.flink.identity.AttributionStage;
import io.trailtailor.flink.sink.Sinks;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * The monitor's alerts (DESIGN.md "monitor, in short"): calls, sessions and Kubernetes API requests of the
 * attribution stage become slim observations ({@link AlertRoutes}), keyed by rule type and key, decided in event-time
 * order once the watermark passes them ({@link DecideAlerts}), and written as JSON lines to {@code alerts/}, committed
 * at checkpoints.
 *
 * <pre>
 * attributed calls ─▶ route calls ──────┐
 * sessions ─────────▶ route sessions ───┼─▶ by type and key ─▶ decide alerts ─▶ alerts/ (JSON lines)
 * k8s access ───────▶ route k8s access ─┘
 * </pre>
 */
public final class AlertStage {

    private static final TypeInformation<PendingObservation> PENDING = Types.POJO(PendingObservation.class);

    private AlertStage() {}

    /** The alerts, one JSON line each. The baseline of {@code options} is read here, on the client. */
    public static DataStream<String> build(AttributionStage.Outputs attribution, AlertOptions options) {
        DataStream<PendingObservation> calls = attribution
                .calls()
                .process(new RouteCalls(), PENDING)
                .name("alert observations of calls")
                .uid("alert-route-calls");
        DataStream<PendingObservation> sessions = attribution
                .sessions()
                .flatMap(AlertStage::routeSession, PENDING)
                .name("alert observations of sessions")
                .uid("alert-route-sessions");
        DataStream<PendingObservation> k8s = attribution
                .k8sAccess()
                .flatMap(AlertStage::routeK8sRequest, PENDING)
                .name("alert observations of k8s access")
                .uid("alert-route-k8s-access");
        return calls.union(sessions, k8s)
                .keyBy(PendingObservation::stateKey, Types.STRING)
                .process(new DecideAlerts(options.context()), Types.STRING)
                .name("decide alerts")
                .uid("decide-alerts");
    }

    /** {@code out/alerts/}: JSON lines through the file sink, so each alert is committed once, at a checkpoint. */
    public static void sink(DataStream<String> alerts, String out) {
        alerts.sinkTo(Sinks.jsonLines(out + "/alerts")).name("alerts").uid("sink-alerts");
    }

    static void routeSession(CredentialSessionRow s, Collector<PendingObservation> out) {
        Long issuedAt = s.getIssuedAt() == null ? null : s.getIssuedAt().toEpochMilli();
        for (AlertRoutes.Routed r : AlertRoutes.ofSession(
                s.getIssuingEventId(),
                issuedAt,
                s.getMechanism(),
                s.getRoleArn(),
                s.getCluster(),
                s.getNamespace(),
                s.getServiceAccount(),
                s.getPodUid())) {
            out.collect(PendingObservation.of(r));
        }
    }

    static void routeK8sRequest(K8sAccessRow a, Collector<PendingObservation> out) {
        String principal = a.getRoleArn() != null && !a.getRoleArn().isBlank() ? a.getRoleArn() : a.getIamArn();
        for (AlertRoutes.Routed r : AlertRoutes.ofK8sRequest(
                a.getAuditId(),
                a.getTime().toEpochMilli(),
                a.getTargetCluster(),
                principal,
                a.getMechanism(),
                a.getVerb(),
                resourcePath(a),
                a.getNamespace())) {
            out.collect(PendingObservation.of(r));
        }
    }

    /** {@code [group/]resource[/subresource][/name]}, e.g. {@code apps/deployments/web}. */
    static String resourcePath(K8sAccessRow a) {
        if (a.getResource() == null) return null;
        StringBuilder s = new StringBuilder();
        if (a.getApiGroup() != null && !a.getApiGroup().isEmpty())
            s.append(a.getApiGroup()).append('/');
        s.append(a.getResource());
        if (a.getSubresource() != null && !a.getSubresource().isEmpty())
            s.append('/').append(a.getSubresource());
        if (a.getName() != null && !a.getName().isEmpty()) s.append('/').append(a.getName());
        return s.toString();
    }
}
