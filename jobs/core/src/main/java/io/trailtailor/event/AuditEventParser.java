package io.trailtailor.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normalizes one Kubernetes audit event into an {@link AuditEvent}. Accepts {@code audit.k8s.io/v1} and
 * {@code v1beta1} (whose only timestamp may be the top-level {@code timestamp} or {@code metadata.creationTimestamp})
 * and hand-trimmed events without {@code kind}/{@code apiVersion}.
 */
public final class AuditEventParser {

    private AuditEventParser() {}

    /** True for objects that are audit events. */
    public static boolean looksLikeEvent(JsonNode node) {
        return node.has("auditID") || ("Event".equals(Json.text(node, "kind")) && node.has("verb"));
    }

    public static AuditEvent parse(JsonNode node, String cluster, String sourceFile) throws RejectedRecord {
        String auditId = Json.text(node, "auditID");
        if (auditId == null || auditId.isBlank()) {
            throw new RejectedRecord("audit event without auditID");
        }
        Instant received = timestamp(node);
        ObjectRef ref = objectRef(node.get("objectRef"));
        Map<String, String> annotations = annotations(node.get("annotations"));
        return new AuditEvent(
                auditId,
                cluster,
                Json.text(node, "level"),
                Json.text(node, "stage"),
                Json.text(node, "verb"),
                requestUri(Json.text(node, "requestURI")),
                user(node.get("user")),
                node.hasNonNull("impersonatedUser") ? user(node.get("impersonatedUser")) : null,
                Json.strings(node.get("sourceIPs")),
                SecretScrubber.scrubRepeatedText(Json.text(node, "userAgent")),
                ref,
                responseCode(node),
                received,
                Timestamps.parse(Json.text(node, "stageTimestamp")),
                annotations.get("authorization.k8s.io/decision"),
                annotations.get("authorization.k8s.io/reason"),
                annotations,
                AuditObjectPruner.prune(ref, node.get("requestObject")),
                AuditObjectPruner.prune(ref, node.get("responseObject")),
                sourceFile);
    }

    private static Instant timestamp(JsonNode node) throws RejectedRecord {
        String text = Json.text(node, "requestReceivedTimestamp");
        if (text == null) {
            text = Json.text(node, "timestamp");
        }
        if (text == null) {
            text = Json.textAt(node, "metadata", "creationTimestamp");
        }
        if (text == null) {
            text = Json.text(node, "stageTimestamp");
        }
        if (text == null) {
            throw new RejectedRecord("audit event without timestamp");
        }
        Instant instant = Timestamps.parse(text);
        if (instant == null) {
            throw new RejectedRecord("unparseable audit timestamp: "
                    + CloudTrailRecordParser.abbreviate(SecretScrubber.scrubText(text)));
        }
        return instant;
    }

    static AuditUser user(JsonNode user) {
        if (user == null || !user.isObject()) {
            return AuditUser.EMPTY;
        }
        Map<String, List<String>> extra = new TreeMap<>();
        JsonNode extraNode = user.get("extra");
        if (extraNode != null && extraNode.isObject()) {
            extraNode.fields().forEachRemaining(e -> extra.put(e.getKey(), scrubbed(Json.strings(e.getValue()))));
        }
        return new AuditUser(
                Json.text(user, "username"), Json.text(user, "uid"), Json.strings(user.get("groups")), extra);
    }

    static ObjectRef objectRef(JsonNode ref) {
        if (ref == null || !ref.isObject()) {
            return null;
        }
        return new ObjectRef(
                Json.text(ref, "resource"),
                Json.text(ref, "subresource"),
                Json.text(ref, "namespace"),
                Json.text(ref, "name"),
                Json.text(ref, "uid"),
                Json.text(ref, "apiGroup"),
                Json.text(ref, "apiVersion"));
    }

    /**
     * The request URI without the command of a {@code pods/exec} request ({@code ?command=sh&command=-c&...}): a
     * command line is not ours to store and often carries a password. Whatever else looks secret is masked.
     */
    static String requestUri(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        String kept = uri;
        if (q >= 0) {
            StringBuilder query = new StringBuilder();
            for (String param : uri.substring(q + 1).split("&", -1)) {
                String name = param.indexOf('=') < 0 ? param : param.substring(0, param.indexOf('='));
                if (!name.equalsIgnoreCase("command") && !param.isEmpty()) {
                    query.append(query.length() == 0 ? "" : "&").append(param);
                }
            }
            kept = uri.substring(0, q) + (query.length() == 0 ? "" : "?" + query);
        }
        return SecretScrubber.scrubText(kept);
    }

    private static List<String> scrubbed(List<String> values) {
        values.replaceAll(SecretScrubber::scrubValue);
        return values;
    }

    private static Integer responseCode(JsonNode node) {
        JsonNode code = Json.at(node, "responseStatus", "code");
        return code != null && code.canConvertToInt() ? code.intValue() : null;
    }

    private static Map<String, String> annotations(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isContainerNode() && !e.getValue().isNull()) {
                    out.put(e.getKey(), SecretScrubber.scrubText(e.getValue().asText()));
                }
            });
        }
        return out;
    }
}
