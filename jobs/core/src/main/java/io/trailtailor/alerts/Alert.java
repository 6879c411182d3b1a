package io.trailtailor.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One alert, as {@code alerts/} holds it (DESIGN.md Outputs): one JSON line with the contract's fields in the
 * contract's order. {@code id} is {@link AlertId}'s, so a replay gives the same id; {@code detectedAt} is when this
 * run decided, and is the only field a replay may change. Every text goes through {@link Secrets#mask} on the way
 * out, so an access key id cannot leave in full even if an upstream field carried one.
 */
public record Alert(
        String id,
        Instant time,
        Instant detectedAt,
        String rule,
        String type,
        String severity,
        String principalArn,
        String mechanism,
        String cluster,
        String namespace,
        String serviceAccount,
        String podUid,
        String action,
        String resource,
        String eventId,
        String detail) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
    }

    /** An alert of {@code type} about the observation {@code o}. */
    public static Alert of(AlertType type, String id, Observation o, Instant detectedAt, String detail) {
        return new Alert(
                id,
                Instant.ofEpochMilli(o.time()),
                detectedAt,
                type.rule(),
                type.type(),
                type.severity().name(),
                o.principalArn(),
                o.mechanism(),
                o.cluster(),
                o.namespace(),
                o.serviceAccount(),
                o.podUid(),
                o.action(),
                o.resource(),
                o.eventId(),
                detail);
    }

    /** The alert as one line of JSON (no trailing newline); absent fields are {@code null}. */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("time", time.toString());
        n.put("detectedAt", detectedAt == null ? null : detectedAt.toString());
        put(n, "rule", rule);
        put(n, "type", type);
        put(n, "severity", severity);
        put(n, "principalArn", principalArn);
        put(n, "mechanism", mechanism);
        put(n, "cluster", cluster);
        put(n, "namespace", namespace);
        put(n, "serviceAccount", serviceAccount);
        put(n, "podUid", podUid);
        put(n, "action", action);
        put(n, "resource", resource);
        put(n, "eventId", eventId);
        put(n, "detail", detail);
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode n, String field, String value) {
        n.put(field, Secrets.mask(value));
    }
}
