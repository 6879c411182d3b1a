package io.trailtailor.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Normalizes one CloudTrail record (event versions 1.0x to 1.11) into an {@link ApiCall}. Parsing is lenient as
 * CloudTrail asks: unknown fields are ignored and every field may be absent, except eventTime, eventSource and
 * eventName, without which a record cannot be attributed or mapped to an action.
 */
public final class CloudTrailRecordParser {

    private CloudTrailRecordParser() {}

    /** True for objects that are CloudTrail records rather than envelopes or audit events. */
    public static boolean looksLikeRecord(JsonNode node) {
        return node.has("eventVersion") || node.has("eventSource") || node.has("eventName") || node.has("eventID");
    }

    /** True for CloudTrail Insights records, which describe API rates, not calls. */
    public static boolean isInsight(JsonNode node) {
        return "AwsCloudTrailInsight".equals(Json.text(node, "eventType"));
    }

    /**
     * Normalizes one record. A record whose shipper moved {@code eventTime} elsewhere must have had it restored
     * first ({@link ShipperTime#restoreEventTime}); the log reader does that, and counts it.
     */
    public static ApiCall parse(JsonNode node, byte[] rawBytes, String sourceFile) throws RejectedRecord {
        String eventSource = required(node, "eventSource");
        String eventName = required(node, "eventName");
        String eventTimeText = required(node, "eventTime");
        Instant eventTime = Timestamps.parse(eventTimeText);
        if (eventTime == null) {
            throw new RejectedRecord(
                    (Timestamps.isOutOfRange(eventTimeText) ? "eventTime out of range: " : "unparseable eventTime: ")
                            + abbreviate(SecretScrubber.scrubText(eventTimeText)));
        }
        String eventId = Json.text(node, "eventID");
        if (eventId == null || eventId.isBlank()) {
            // CloudTrail always writes one; a hand-made or trimmed record still gets a stable id, so that redelivered
            // copies of it deduplicate and its attribution can be referred to.
            eventId = "synthetic-" + sha256(rawBytes);
        }
        JsonNode requestParameters = node.get("requestParameters");
        JsonNode responseElements = node.get("responseElements");
        JsonNode additional = node.get("additionalEventData");
        SecretScrubber.scrub(requestParameters);
        SecretScrubber.scrub(responseElements);
        SecretScrubber.scrub(additional);
        return new ApiCall(
                eventId,
                eventTime,
                Json.text(node, "eventVersion"),
                eventSource,
                eventName,
                Json.text(node, "eventType"),
                Json.text(node, "awsRegion"),
                Json.text(node, "recipientAccountId"),
                Json.text(node, "eventCategory"),
                Json.bool(node, "readOnly"),
                Json.bool(node, "managementEvent"),
                Json.text(node, "errorCode"),
                // free text that callers fill: a password in a user agent, a token echoed in an error message
                SecretScrubber.scrubRepeatedText(Json.text(node, "errorMessage")),
                Json.text(node, "sourceIPAddress"),
                SecretScrubber.scrubRepeatedText(Json.text(node, "userAgent")),
                identity(node.get("userIdentity")),
                resources(node.get("resources")),
                Json.write(requestParameters),
                Json.write(responseElements),
                Json.write(additional),
                Json.text(node, "requestID"),
                Json.text(node, "sharedEventID"),
                Json.text(node, "vpcEndpointId"),
                sourceFile);
    }

    static CallerIdentity identity(JsonNode id) {
        if (id == null || !id.isObject()) {
            return CallerIdentity.EMPTY;
        }
        String type = Json.text(id, "type");
        String arn = Json.text(id, "arn");
        String principalId = Json.text(id, "principalId");
        String webIdProvider = Json.textAt(id, "sessionContext", "webIdFederationData", "federatedProvider");
        if (webIdProvider == null) {
            // on AssumeRoleWithWebIdentity / AssumeRoleWithSAML the caller is the federated identity itself
            webIdProvider = Json.text(id, "identityProvider");
        }
        return new CallerIdentity(
                type,
                arn,
                Json.text(id, "accountId"),
                principalId,
                Json.text(id, "accessKeyId"),
                Json.text(id, "userName"),
                Json.textAt(id, "sessionContext", "sessionIssuer", "arn"),
                Json.textAt(id, "sessionContext", "sessionIssuer", "type"),
                sessionName(type, arn, principalId),
                webIdProvider,
                Json.text(id, "invokedBy"),
                Timestamps.parse(Json.textAt(id, "sessionContext", "attributes", "creationDate")),
                Json.textAt(id, "sessionContext", "ec2RoleDelivery"),
                Json.textAt(id, "sessionContext", "sourceIdentity"));
    }

    /** The role session name of an assumed-role caller: the ARN's last segment, else the principal id's suffix. */
    static String sessionName(String type, String arn, String principalId) {
        if (arn != null && arn.contains(":assumed-role/")) {
            int slash = arn.lastIndexOf('/');
            int roleSlash = arn.indexOf('/', arn.indexOf(":assumed-role/"));
            if (slash > roleSlash) {
                return arn.substring(slash + 1);
            }
        }
        if ("AssumedRole".equals(type) && principalId != null && principalId.indexOf(':') > 0) {
            return principalId.substring(principalId.indexOf(':') + 1);
        }
        return null;
    }

    static List<ResourceRef> resources(JsonNode resources) {
        List<ResourceRef> out = new ArrayList<>();
        if (resources == null || !resources.isArray()) {
            return out;
        }
        for (JsonNode r : resources) {
            String arn = Json.text(r, "ARN");
            out.add(new ResourceRef(
                    Json.text(r, "type"), arn != null ? arn : Json.text(r, "arn"), Json.text(r, "accountId")));
        }
        return out;
    }

    private static String required(JsonNode node, String field) throws RejectedRecord {
        String value = Json.text(node, field);
        if (value == null || value.isBlank()) {
            throw new RejectedRecord("CloudTrail record without " + field);
        }
        return value;
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
