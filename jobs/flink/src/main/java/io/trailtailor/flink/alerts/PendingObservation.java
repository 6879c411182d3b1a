package io.trailtailor.flink.alerts;

import io.trailtailor.alerts.AlertRoutes;
import io.trailtailor.alerts.Observation;
import java.util.Objects;

/**
 * A routed observation waiting in Flink state for the watermark: the rule's type and key, and the slim
 * {@link Observation} fields. A Flink POJO of strings and a long, so state and exchanges use the POJO serializer,
 * never Kryo.
 */
public class PendingObservation {

    public String type;
    public String key;
    public String eventId;
    public long time;
    public String principalArn;
    public String mechanism;
    public String cluster;
    public String namespace;
    public String serviceAccount;
    public String podUid;
    public String action;
    public String resource;

    public PendingObservation() {}

    public static PendingObservation of(AlertRoutes.Routed r) {
        Observation o = r.observation();
        PendingObservation p = new PendingObservation();
        p.type = r.type();
        p.key = r.key();
        p.eventId = o.eventId();
        p.time = o.time();
        p.principalArn = o.principalArn();
        p.mechanism = o.mechanism();
        p.cluster = o.cluster();
        p.namespace = o.namespace();
        p.serviceAccount = o.serviceAccount();
        p.podUid = o.podUid();
        p.action = o.action();
        p.resource = o.resource();
        return p;
    }

    public Observation observation() {
        return new Observation(
                eventId, time, principalArn, mechanism, cluster, namespace, serviceAccount, podUid, action, resource);
    }

    /** The key the decision operator is keyed by: one rule's memory per type and key. */
    public String stateKey() {
        return type + "#" + key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PendingObservation p
                && time == p.time
                && Objects.equals(stateKey(), p.stateKey())
                && Objects.equals(observation(), p.observation());
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, key, eventId, time, action);
    }
}
