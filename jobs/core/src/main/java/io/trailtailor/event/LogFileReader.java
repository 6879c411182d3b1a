package io.trailtailor.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one log file of any supported layout and hands every record to a {@link RecordSink}: CloudTrail records
 * (trail files, JSON arrays, JSON lines, EventBridge envelopes, lookup-events output, CloudWatch deliveries) and
 * Kubernetes audit events (kube-apiserver JSON lines, CloudWatch export tasks, Firehose subscription batches).
 * Content decides, not the file name. Nothing is dropped silently: what cannot be used is quarantined with its
 * reason, what is deliberately not read (digests, Insights, control messages) is counted as skipped.
 */
public final class LogFileReader {

    private static final Pattern EKS_LOG_GROUP = Pattern.compile("^/aws/eks/([^/]+)/cluster$");
    private static final String UNKNOWN_CLUSTER = "unknown";

    private final String source;
    private final String explicitCluster;
    private final RecordSink sink;

    private long recordsRead;
    private long apiCalls;
    private long auditEvents;
    private long quarantinedRecords;
    private long skippedRecords;
    private String skipReason;

    /**
     * @param source the file's path or URI, written into every record and quarantine entry
     * @param explicitCluster the cluster named on the command line ({@code CLUSTER=SRC}), or null
     */
    public LogFileReader(String source, String explicitCluster, RecordSink sink) {
        this.source = source;
        this.explicitCluster = explicitCluster;
        this.sink = sink;
    }

    /**
     * Why a file is skipped from its path alone, or null. CloudTrail writes digests and Insights beside the logs, and
     * CloudWatch export tasks leave a permission probe object; none of them holds API calls.
     */
    public static String skipReasonForPath(String path) {
        String p = path.replace('\\', '/');
        if (p.contains("/CloudTrail-Digest/") || p.contains("_CloudTrail-Digest_")) {
            return "CloudTrail digest file";
        }
        if (p.contains("/CloudTrail-Insight/")) {
            return "CloudTrail Insights file";
        }
        if (p.contains("/CloudTrail-Aggregated/")) {
            return "CloudTrail aggregated-events file";
        }
        if (p.endsWith("/aws-logs-write-test") || p.equals("aws-logs-write-test")) {
            return "CloudWatch Logs export permission probe";
        }
        String name = p.substring(p.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || name.equals("_success") || name.endsWith(".crc")) {
            return "hidden or marker file";
        }
        return null;
    }

    /** Reads the whole file; I/O failures after the first byte become the file's quarantine reason. */
    public FileReport read(InputStream raw) {
        BufferedInputStream head = new BufferedInputStream(raw, LogSniffer.HEAD_BYTES);
        String notALog = LogSniffer.notALogReason(head);
        if (notALog != null) {
            sink.quarantined(new Quarantined(source, "file", notALog, null));
            return new FileReport(source, 0, 0, 0, 0, 0, null, notALog);
        }
        String quarantineReason = null;
        long position = 0;
        try (InputStream text = Decompression.open(head)) {
            JsonFramer framer = new JsonFramer(text);
            Frame frame;
            boolean any = false;
            while (skipReason == null && (frame = framer.next()) != null) {
                any = true;
                position = frame.offset();
                accept(frame);
            }
            if (!any && skipReason == null) {
                quarantineReason = "empty file";
            }
            position = framer.position();
        } catch (IOException e) {
            quarantineReason = "unreadable or truncated input after " + recordsRead + " records: " + describe(e);
        }
        if (quarantineReason != null) {
            sink.quarantined(new Quarantined(source, "byte " + position, quarantineReason, null));
        }
        return new FileReport(
                source,
                recordsRead,
                apiCalls,
                auditEvents,
                quarantinedRecords,
                skippedRecords,
                skipReason,
                quarantineReason);
    }

    private void accept(Frame frame) {
        if (frame instanceof Frame.Value v) {
            acceptValue(v);
            return;
        }
        recordsRead++;
        if (frame instanceof Frame.Garbage g) {
            reject(g.offset(), g.reason(), g.excerpt());
        } else if (frame instanceof Frame.Oversized o) {
            reject(o.offset(), "record over 1 MiB (" + o.size() + " bytes)", o.excerpt());
        }
    }

    private void acceptValue(Frame.Value value) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(value.bytes());
        } catch (JsonProcessingException e) {
            recordsRead++;
            reject(value.offset(), parseFailure(e), Frame.excerpt(value.bytes(), value.bytes().length));
            return;
        } catch (IOException e) {
            recordsRead++;
            reject(
                    value.offset(),
                    "unreadable JSON: " + describe(e),
                    Frame.excerpt(value.bytes(), value.bytes().length));
            return;
        }
        if (node == null || !node.isObject()) {
            recordsRead++;
            reject(value.offset(), "not a JSON object", Frame.excerpt(value.bytes(), value.bytes().length));
            return;
        }
        if (recordsRead == 0 && isDigest(node)) {
            skipReason = "CloudTrail digest file";
            return;
        }
        readEnvelope(value.envelope());
        if (controlMessage) {
            recordsRead++;
            skippedRecords++;
            return;
        }
        classify(node, value.bytes(), value.offset(), envelopeCluster);
    }

    /** Decides what a JSON object is, unwrapping the envelopes single records travel in. */
    private void classify(JsonNode node, byte[] bytes, long offset, String cluster) {
        JsonNode message = node.get("message");
        if (message != null && message.isTextual() && node.has("timestamp") && !node.has("auditID")) {
            // a CloudWatch Logs event: the message is the record
            unwrapText(message.asText(), offset, cluster);
            return;
        }
        JsonNode lookup = node.get("CloudTrailEvent");
        if (lookup != null && lookup.isTextual()) {
            unwrapText(lookup.asText(), offset, cluster);
            return;
        }
        JsonNode detail = node.get("detail");
        if (detail != null && detail.isObject() && node.has("detail-type")) {
            classify(detail, bytes, offset, cluster);
            return;
        }
        recordsRead++;
        try {
            if (CloudTrailRecordParser.looksLikeRecord(node)) {
                if (CloudTrailRecordParser.isInsight(node)) {
                    skippedRecords++;
                    return;
                }
                sink.apiCall(CloudTrailRecordParser.parse(node, bytes, source));
                apiCalls++;
            } else if (AuditEventParser.looksLikeEvent(node)) {
                sink.auditEvent(AuditEventParser.parse(node, cluster, source));
                auditEvents++;
            } else if (node.has("Records") || node.has("logEvents")) {
                reject(offset, "wrong envelope: Records/logEvents is not an array", Frame.excerpt(bytes, bytes.length));
            } else {
                reject(offset, "neither a CloudTrail record nor an audit event", Frame.excerpt(bytes, bytes.length));
            }
        } catch (RejectedRecord e) {
            reject(offset, e.getMessage(), Frame.excerpt(bytes, bytes.length));
        }
    }

    private void unwrapText(String text, long offset, String cluster) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JsonNode inner;
        try {
            inner = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            recordsRead++;
            reject(offset, "log event message is not JSON", Frame.excerpt(bytes, bytes.length));
            return;
        }
        if (inner == null || !inner.isObject()) {
            recordsRead++;
            reject(offset, "log event message is not a JSON object", Frame.excerpt(bytes, bytes.length));
            return;
        }
        classify(inner, bytes, offset, cluster);
    }

    /** Quarantines a record; the caller has counted it as read. */
    private void reject(long offset, String reason, String excerpt) {
        quarantinedRecords++;
        sink.quarantined(new Quarantined(source, "byte " + offset, reason, excerpt));
    }

    /**
     * Reads the envelope header every element of one envelope shares (the same array instance), once per envelope:
     * the cluster from a CloudWatch {@code logGroup} of {@code /aws/eks/<name>/cluster}, and whether it is a control
     * message, which carries no log events worth reading.
     */
    private void readEnvelope(byte[] envelope) {
        if (envelope == lastEnvelope && envelopeCluster != null) {
            return;
        }
        lastEnvelope = envelope;
        controlMessage = false;
        envelopeCluster = explicitCluster != null ? explicitCluster : UNKNOWN_CLUSTER;
        if (envelope == null) {
            return;
        }
        try {
            JsonNode header = Json.MAPPER.readTree(envelope);
            controlMessage = "CONTROL_MESSAGE".equals(Json.text(header, "messageType"));
            String logGroup = Json.text(header, "logGroup");
            Matcher m = logGroup == null ? null : EKS_LOG_GROUP.matcher(logGroup);
            if (explicitCluster == null && m != null && m.matches()) {
                envelopeCluster = m.group(1);
            }
        } catch (IOException e) {
            // an envelope header we cannot read names no cluster and is no control message
        }
    }

    private byte[] lastEnvelope;
    private String envelopeCluster;
    private boolean controlMessage;

    private static boolean isDigest(JsonNode node) {
        return node.has("digestSignatureAlgorithm") || (node.has("digestStartTime") && node.has("digestEndTime"));
    }

    private static String parseFailure(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.contains("UTF-8")) {
            return "invalid UTF-8";
        }
        return "malformed JSON: " + firstLine(message);
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
