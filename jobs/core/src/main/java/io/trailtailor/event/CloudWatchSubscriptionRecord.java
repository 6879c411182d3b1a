package io.trailtailor.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads one record that a CloudWatch Logs subscription filter put on a Kinesis data stream: a gzip'd JSON
 * {@code {"messageType","owner","logGroup","logStream","subscriptionFilters","logEvents":[{"id","timestamp",
 * "message"}]}}. A {@code DATA_MESSAGE} yields one record per log event (an EKS audit event, or a CloudTrail record
 * when a trail delivers to CloudWatch Logs); a {@code CONTROL_MESSAGE} is the service checking the destination and
 * yields nothing. The cluster of audit events is the one named by the operator, else the {@code <name>} of
 * {@code /aws/eks/<name>/cluster}.
 *
 * <p>Kinesis hands over arbitrary bytes, so nothing is trusted: a record that is not gzip'd JSON of this shape is
 * quarantined whole, and a log event that is not a usable record costs only that event. Decompression is bounded, so
 * a small record cannot inflate into an unbounded one.
 */
public final class CloudWatchSubscriptionRecord {

    /** Kinesis records are at most 1 MiB; CloudWatch compresses well, but nothing honest inflates past this. */
    public static final int MAX_DECOMPRESSED = 32 << 20;

    private static final Pattern EKS_LOG_GROUP = Pattern.compile("^/aws/eks/([^/]+)/cluster$");
    private static final String UNKNOWN_CLUSTER = "unknown";

    private CloudWatchSubscriptionRecord() {}

    /**
     * Reads one Kinesis record's data and hands what it holds to {@code sink}.
     *
     * @param source where the record came from (stream, shard, sequence number): written into every record and
     *     quarantine entry
     * @param explicitCluster the cluster the operator named ({@code --kinesis CLUSTER=ARN}), or null
     */
    public static SubscriptionReport read(byte[] data, String source, String explicitCluster, RecordSink sink) {
        String fallbackCluster = explicitCluster != null ? explicitCluster : UNKNOWN_CLUSTER;
        byte[] json;
        try {
            json = decompress(data);
            if (json == null) {
                return rejectWhole(
                        sink, source, fallbackCluster, "inflates past " + (MAX_DECOMPRESSED >> 20) + " MiB", data);
            }
        } catch (IOException e) {
            return rejectWhole(sink, source, fallbackCluster, e.getMessage(), data);
        }
        JsonNode root;
        try {
            root = parseStrictUtf8(json);
        } catch (CharacterCodingException e) {
            return rejectWhole(sink, source, fallbackCluster, "invalid UTF-8", json);
        } catch (IOException e) {
            return rejectWhole(sink, source, fallbackCluster, "malformed JSON", json);
        }
        if (root == null || !root.isObject()) {
            return rejectWhole(sink, source, fallbackCluster, "not a JSON object", json);
        }
        String messageType = Json.text(root, "messageType");
        if ("CONTROL_MESSAGE".equals(messageType)) {
            return new SubscriptionReport(fallbackCluster, true, null, 0, 0, 0, 0, 0);
        }
        if (!"DATA_MESSAGE".equals(messageType)) {
            return rejectWhole(
                    sink,
                    source,
                    fallbackCluster,
                    messageType == null
                            ? "not a CloudWatch Logs subscription record (no messageType)"
                            : "unknown messageType " + CloudTrailRecordParser.abbreviate(messageType),
                    json);
        }
        String cluster = clusterOf(Json.text(root, "logGroup"), explicitCluster);
        JsonNode logEvents = root.get("logEvents");
        if (logEvents == null || !logEvents.isArray()) {
            return rejectWhole(sink, source, cluster, "DATA_MESSAGE without a logEvents array", json);
        }
        Counts counts = new Counts();
        for (int i = 0; i < logEvents.size(); i++) {
            counts.logEvents++;
            JsonNode entry = logEvents.get(i);
            String position = "logEvents[" + i + "]";
            Object read;
            try {
                read = readEntry(entry, position, source, cluster, sink, counts);
            } catch (RuntimeException e) {
                // a value the parsers cannot hold is this event's problem, not the record's
                reject(sink, counts, source, position, "log event could not be normalized: " + describe(e), entry);
                continue;
            }
            // handed over outside the catch: a failure of whatever consumes the records is theirs, never this
            // event's (in a Flink job it must fail the task, so that the record is read again after the restore)
            if (read instanceof ApiCall call) {
                sink.apiCall(call);
                counts.apiCalls++;
            } else if (read instanceof AuditEvent event) {
                sink.auditEvent(event);
                counts.auditEvents++;
            }
        }
        return new SubscriptionReport(
                cluster,
                false,
                null,
                counts.logEvents,
                counts.apiCalls,
                counts.auditEvents,
                counts.quarantined,
                counts.skipped);
    }

    /** The cluster of a log group's audit events: the operator's name wins, then the EKS log group's. */
    static String clusterOf(String logGroup, String explicitCluster) {
        if (explicitCluster != null) {
            return explicitCluster;
        }
        Matcher m = logGroup == null ? null : EKS_LOG_GROUP.matcher(logGroup);
        return m != null && m.matches() ? m.group(1) : UNKNOWN_CLUSTER;
    }

    /** The entry's API call or audit event, or null when it was skipped or quarantined (and counted). */
    private static Object readEntry(
            JsonNode entry, String position, String source, String cluster, RecordSink sink, Counts counts) {
        JsonNode message = entry == null ? null : entry.get("message");
        if (message == null || !message.isTextual()) {
            reject(sink, counts, source, position, "log event without a text message", entry);
            return null;
        }
        String id = Json.text(entry, "id");
        if (id != null) {
            position = position + " id " + CloudTrailRecordParser.abbreviate(id);
        }
        byte[] bytes = message.asText().getBytes(StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            reject(sink, counts, source, position, "log event message is not JSON", bytes);
            return null;
        }
        if (node == null || !node.isObject()) {
            reject(sink, counts, source, position, "log event message is not a JSON object", bytes);
            return null;
        }
        try {
            if (CloudTrailRecordParser.looksLikeRecord(node)) {
                if (CloudTrailRecordParser.isInsight(node)) {
                    counts.skipped++;
                    return null;
                }
                return CloudTrailRecordParser.parse(node, bytes, source);
            } else if (AuditEventParser.looksLikeEvent(node)) {
                return AuditEventParser.parse(node, cluster, source);
            }
            reject(sink, counts, source, position, "neither a CloudTrail record nor an audit event", bytes);
        } catch (RejectedRecord e) {
            reject(sink, counts, source, position, e.getMessage(), bytes);
        }
        return null;
    }

    /**
     * gzip as CloudWatch Logs sends it; plain JSON too, as a relay may have inflated it already. Null when it inflates
     * past {@link #MAX_DECOMPRESSED}.
     */
    static byte[] decompress(byte[] data) throws IOException {
        if (data == null || data.length == 0) {
            throw new IOException("empty record");
        }
        boolean gzip = data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
        if (!gzip) {
            if (data[0] == '{') {
                return data;
            }
            throw new IOException("neither gzip nor JSON");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 8));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            byte[] buffer = new byte[1 << 14];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > MAX_DECOMPRESSED) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IOException("broken gzip stream (" + e.getMessage() + ")");
        }
        return out.toByteArray();
    }

    /** Decoded strictly first: Jackson would let overlong UTF-8 forms through as other characters. */
    private static JsonNode parseStrictUtf8(byte[] bytes) throws IOException {
        CharBuffer chars = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
        try (JsonParser parser = Json.MAPPER
                .getFactory()
                .createParser(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining())) {
            return Json.MAPPER.readTree(parser);
        }
    }

    private static SubscriptionReport rejectWhole(
            RecordSink sink, String source, String cluster, String reason, byte[] bytes) {
        sink.quarantined(new Quarantined(source, "record", reason, excerpt(bytes)));
        return new SubscriptionReport(cluster, false, reason, 0, 0, 0, 0, 0);
    }

    private static void reject(
            RecordSink sink, Counts counts, String source, String position, String reason, JsonNode entry) {
        String text = Json.write(entry);
        reject(
                sink,
                counts,
                source,
                position,
                reason,
                text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
    }

    private static void reject(
            RecordSink sink, Counts counts, String source, String position, String reason, byte[] bytes) {
        sink.quarantined(new Quarantined(source, position, reason, excerpt(bytes)));
        counts.quarantined++;
    }

    /** Binary (a broken gzip stream) is no excerpt: only text is shown, with secrets masked. */
    private static String excerpt(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || (bytes[0] & 0xff) == 0x1f) {
            return null;
        }
        return Frame.excerpt(bytes, bytes.length);
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "" : ": " + SecretScrubber.scrubText(e.getMessage());
        return CloudTrailRecordParser.abbreviate(e.getClass().getSimpleName() + message);
    }

    /** The per-record tallies, in one place so that they add up. */
    private static final class Counts {
        long logEvents;
        long apiCalls;
        long auditEvents;
        long quarantined;
        long skipped;
    }
}
