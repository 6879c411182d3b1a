package io.trailtailor.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Kubernetes audit event (audit.k8s.io v1 or v1beta1), normalized. {@code requestObject} and
 * {@code responseObject} are JSON text kept only for the kinds correlation needs (pods and their bindings and
 * status, nodes, service-account token requests), with tokens removed; for everything else they are null.
 */
public record AuditEvent(
        String auditId,
        String cluster,
        String level,
        String stage,
        String verb,
        String requestUri,
        AuditUser user,
        AuditUser impersonatedUser,
        List<String> sourceIps,
        String userAgent,
        ObjectRef objectRef,
        Integer responseCode,
        Instant requestReceivedTimestamp,
        Instant stageTimestamp,
        String decision,
        String reason,
        Map<String, String> annotations,
        String requestObject,
        String responseObject,
        String sourceFile) {

    public AuditEvent {
        user = user == null ? AuditUser.EMPTY : user;
        sourceIps = sourceIps == null ? List.of() : List.copyOf(sourceIps);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** Audit events repeat one auditID across stages (RequestReceived, ResponseComplete): the stage is part of the key. */
    public String dedupKey() {
        return stage == null ? auditId : auditId + "/" + stage;
    }

    public String resource() {
        return objectRef == null ? null : objectRef.resource();
    }

    public String subresource() {
        return objectRef == null ? null : objectRef.subresource();
    }
}
