package io.trailtailor.flink.source.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SQS message bodies that announce new log objects: S3 event notifications ({@code Records[].s3}, keys
 * URL-encoded with '+' for a space), the same wrapped in an SNS envelope ({@code Message}), CloudTrail's own SNS
 * notification ({@code {"s3Bucket":..,"s3ObjectKey":[..]}}, keys as they are) and EventBridge's S3 "Object Created"
 * event. {@code s3:TestEvent} (sent when a notification configuration is set) and events other than object creation
 * are ignored. Anything else is malformed, with a reason; this never throws on input.
 */
public final class S3NotificationParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ParsedNotification parse(String body) {
        if (body == null || body.isBlank()) {
            return ParsedNotification.malformed("empty message body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return ParsedNotification.malformed("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return ParsedNotification.malformed("not a JSON object");
        }
        // SNS to SQS without raw delivery: the notification is a JSON string inside the envelope
        if ("Notification".equals(root.path("Type").asText())
                && root.path("Message").isTextual()) {
            try {
                root = JSON.readTree(root.path("Message").asText());
            } catch (JsonProcessingException e) {
                return ParsedNotification.malformed("SNS Message is not JSON: " + e.getOriginalMessage());
            }
            if (root == null || !root.isObject()) {
                return ParsedNotification.malformed("SNS Message is not a JSON object");
            }
        }
        try {
            return parseNotification(root);
        } catch (IllegalArgumentException e) {
            return ParsedNotification.malformed(e.getMessage());
        }
    }

    private static ParsedNotification parseNotification(JsonNode root) {
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return ParsedNotification.ignored("s3:TestEvent");
        }
        if (root.has("Records")) {
            return s3Records(root.path("Records"));
        }
        if (root.has("s3Bucket") || root.has("s3ObjectKey")) {
            return cloudTrailNotification(root);
        }
        if ("aws.s3".equals(root.path("source").asText()) && root.has("detail")) {
            return eventBridge(root);
        }
        return ParsedNotification.malformed("neither an S3 event notification nor a CloudTrail notification");
    }

    private static ParsedNotification s3Records(JsonNode records) {
        if (!records.isArray()) {
            throw new IllegalArgumentException("Records is not an array");
        }
        List<NotifiedObject> objects = new ArrayList<>();
        int skipped = 0;
        for (JsonNode record : records) {
            String eventName = record.path("eventName").asText("");
            if (!eventName.startsWith("ObjectCreated:")) {
                skipped++;
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = text(s3.path("bucket").path("name"), "Records[].s3.bucket.name");
            String key = decodeKey(text(s3.path("object").path("key"), "Records[].s3.object.key"));
            JsonNode object = s3.path("object");
            long size = object.path("size").isNumber() ? object.path("size").asLong() : -1;
            String eTag = object.path("eTag").isTextual()
                    ? unquote(object.path("eTag").asText())
                    : null;
            objects.add(new NotifiedObject(bucket, key, size, eTag));
        }
        if (objects.isEmpty()) {
            return skipped > 0
                    ? ParsedNotification.ignored("no ObjectCreated record")
                    : ParsedNotification.malformed("Records is empty");
        }
        return ParsedNotification.objects(objects);
    }

    private static ParsedNotification cloudTrailNotification(JsonNode root) {
        String bucket = text(root.path("s3Bucket"), "s3Bucket");
        JsonNode keys = root.path("s3ObjectKey");
        if (!keys.isArray() || keys.isEmpty()) {
            throw new IllegalArgumentException("s3ObjectKey is not a non-empty array");
        }
        List<NotifiedObject> objects = new ArrayList<>();
        for (JsonNode key : keys) {
            objects.add(new NotifiedObject(bucket, text(key, "s3ObjectKey[]"), -1, null));
        }
        return ParsedNotification.objects(objects);
    }

    private static ParsedNotification eventBridge(JsonNode root) {
        if (!"Object Created".equals(root.path("detail-type").asText())) {
            return ParsedNotification.ignored(
                    "EventBridge " + root.path("detail-type").asText());
        }
        JsonNode detail = root.path("detail");
        JsonNode object = detail.path("object");
        return ParsedNotification.objects(List.of(new NotifiedObject(
                text(detail.path("bucket").path("name"), "detail.bucket.name"),
                text(object.path("key"), "detail.object.key"),
                object.path("size").isNumber() ? object.path("size").asLong() : -1,
                object.path("etag").isTextual() ? unquote(object.path("etag").asText()) : null)));
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException("no " + field);
        }
        return node.asText();
    }

    /** S3 notifications encode keys as HTML forms do: %XX escapes and '+' for a space. */
    private static String decodeKey(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("object key is not URL-encoded: " + e.getMessage());
        }
    }

    private static String unquote(String eTag) {
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1)
                : eTag;
    }
}
