package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.Json;
import io.trailtailor.identity.PodLifetime.PodKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Which keyed state an audit event feeds: pods by (cluster, namespace, name), nodes by (cluster, node). */
public final class AuditRouting {

    static final String POD_NAME_EXTRA = "authentication.kubernetes.io/pod-name";
    static final String POD_UID_EXTRA = "authentication.kubernetes.io/pod-uid";
    static final String NODE_USER_PREFIX = "system:node:";
    static final String SA_USER_PREFIX = "system:serviceaccount:";

    private AuditRouting() {}

    /**
     * The pods an event says something about: the pod object acted on ({@code pods} and its subresources), and the
     * pod whose service-account token authenticated the request. Usually zero or one key, at most two.
     */
    public static List<PodKey> podKeys(AuditEvent e) {
        List<PodKey> keys = new ArrayList<>(2);
        PodKey object = objectPod(e);
        if (object != null) {
            keys.add(object);
        }
        PodKey caller = callerPod(e);
        if (caller != null && !keys.contains(caller)) {
            keys.add(caller);
        }
        return keys;
    }

    /** The pod object an event acts on ({@code pods} or a subresource), or null. */
    static PodKey objectPod(AuditEvent e) {
        if (!"pods".equals(e.resource()) || e.objectRef() == null) {
            return null;
        }
        JsonNode meta = Json.tree(e.responseObject()).path("metadata");
        String ns = SessionExtractor.firstNonNull(e.objectRef().namespace(), Json.pointer(meta, "/namespace"));
        String name = SessionExtractor.firstNonNull(e.objectRef().name(), Json.pointer(meta, "/name"));
        return ns == null || name == null ? null : new PodKey(e.cluster(), ns, name);
    }

    /** The pod whose projected service-account token made the request, or null. */
    static PodKey callerPod(AuditEvent e) {
        String podName = e.user().extraValue(POD_NAME_EXTRA);
        String[] nsSa = serviceAccountOf(e.user().username());
        return podName == null || nsSa == null ? null : new PodKey(e.cluster(), nsSa[0], podName);
    }

    /** {@code [namespace, serviceAccount]} of a {@code system:serviceaccount:<ns>:<sa>} username, or null. */
    static String[] serviceAccountOf(String username) {
        if (username == null || !username.startsWith(SA_USER_PREFIX)) {
            return null;
        }
        String[] parts = username.substring(SA_USER_PREFIX.length()).split(":", 2);
        return parts.length == 2 ? parts : null;
    }

    /** The node name of a kubelet user {@code system:node:<name>}, or null. */
    public static String nodeUser(AuditEvent e) {
        String u = e.user().username();
        return u != null && u.startsWith(NODE_USER_PREFIX) ? u.substring(NODE_USER_PREFIX.length()) : null;
    }

    /** The node an event says something about: a kubelet's own request, or a {@code nodes} object; null if none. */
    public static String nodeKey(AuditEvent e) {
        String kubelet = nodeUser(e);
        if (kubelet != null) {
            return kubelet;
        }
        if ("nodes".equals(e.resource())) {
            return SessionExtractor.firstNonNull(
                    e.objectRef().name(),
                    Json.pointer(Json.tree(e.responseObject()), "/metadata/name"),
                    Json.pointer(Json.tree(e.requestObject()), "/metadata/name"));
        }
        return null;
    }

    /** The earliest time of the event (request received), for starts. */
    static Instant earliest(AuditEvent e) {
        return e.requestReceivedTimestamp() != null ? e.requestReceivedTimestamp() : e.stageTimestamp();
    }

    /** The latest time of the event (stage reached), for ends. */
    static Instant latest(AuditEvent e) {
        return e.stageTimestamp() != null ? e.stageTimestamp() : e.requestReceivedTimestamp();
    }

    static boolean succeeded(AuditEvent e) {
        return e.responseCode() == null || (e.responseCode() >= 200 && e.responseCode() < 300);
    }
}
