package io.trailtailor.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
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
    private long timeFromShipperField;
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

    /**
     * Reads the whole file. A break in the file itself (I/O, a truncated gzip stream, a framing state that cannot be
     * left) ends reading there: what was read before it stays delivered and counted, and the rest of the file is
     * quarantined with the reason. A record that cannot be used costs only that record.
     */
    public FileReport read(InputStream raw) {
        BufferedInputStream head = new BufferedInputStream(raw, LogSniffer.HEAD_BYTES);
        String notALog = LogSniffer.notALogReason(head);
        if (notALog != null) {
            sink.quarantined(new Quarantined(source, "file", notALog, null));
            return new FileReport(source, 0, 0, 0, 0, 0, null, notALog, 0);
        }
        String quarantineReason = null;
        JsonFramer framer = null;
        try (InputStream text = Decompression.open(head)) {
            framer = new JsonFramer(text);
            Frame frame;
            boolean any = false;
            while (skipReason == null && (frame = framer.next()) != null) {
                any = true;
                accept(frame);
            }
            if (!any && skipReason == null) {
                quarantineReason = "empty file";
            }
        } catch (IOException | RuntimeException e) {
            quarantineReason = "unreadable or truncated input after " + recordsRead + " records: " + describe(e);
        }
        if (quarantineReason != null) {
            long position = framer == null ? 0 : framer.position();
            sink.quarantined(new Quarantined(source, "byte " + position, quarantineReason, null));
        }
        return countedSoFar(quarantineReason);
    }

    /**
     * What has been read and counted so far. For a caller whose own failure ended the read early (the sink threw, the
     * stream could not be opened): {@code quarantineReason} names that failure, the counts still add up.
     */
    public FileReport countedSoFar(String quarantineReason) {
        return new FileReport(
                source,
                recordsRead,
                apiCalls,
                auditEvents,
                quarantinedRecords,
                skippedRecords,
                skipReason,
                quarantineReason,
                timeFromShipperField);
    }

    /** What became of one record; every record read has exactly one. */
    private enum Outcome {
        API_CALL,
        AUDIT_EVENT,
        QUARANTINED,
        SKIPPED
    }

    /** Reads one frame as one record and counts its outcome, in this one place, so that the counts always add up. */
    private void accept(Frame frame) {
        Outcome outcome;
        try {
            outcome = outcomeOf(frame);
        } catch (RuntimeException e) {
            // an unexpected error in one record (a value no later stage can hold, a sink that cannot take it) is that
            // record's problem, not the file's: it is quarantined and reading goes on with the next record
            outcome = reject(frame.offset(), "record could not be normalized: " + describe(e), excerptOf(frame));
        }
        if (outcome == null) {
            return; // the file turned out to be a digest: skipped whole, no record read
        }
        recordsRead++;
        switch (outcome) {
            case API_CALL -> apiCalls++;
            case AUDIT_EVENT -> auditEvents++;
            case QUARANTINED -> quarantinedRecords++;
            case SKIPPED -> skippedRecords++;
        }
    }

    private Outcome outcomeOf(Frame frame) {
        if (frame instanceof Frame.Value v) {
            return acceptValue(v);
        }
        if (frame instanceof Frame.Oversized o) {
            return reject(o.offset(), "record over 1 MiB (" + o.size() + " bytes)", o.excerpt());
        }
        Frame.Garbage g = (Frame.Garbage) frame;
        return reject(g.offset(), g.reason(), g.excerpt());
    }

    private Outcome acceptValue(Frame.Value value) {
        byte[] bytes = value.bytes();
        JsonNode node;
        try {
            node = parseStrictUtf8(bytes);
        } catch (CharacterCodingException e) {
            return reject(value.offset(), "invalid UTF-8", excerpt(bytes));
        } catch (JsonProcessingException e) {
            return reject(value.offset(), parseFailure(e), excerpt(bytes));
        } catch (IOException e) {
            return reject(value.offset(), "unreadable JSON: " + describe(e), excerpt(bytes));
        }
        if (node == null || !node.isObject()) {
            return reject(value.offset(), "not a JSON object", excerpt(bytes));
        }
        if (recordsRead == 0 && isDigest(node)) {
            skipReason = "CloudTrail digest file";
            return null;
        }
        readEnvelope(value.envelope());
        if (controlMessage) {
            return Outcome.SKIPPED;
        }
        return classify(node, bytes, value.offset(), envelopeCluster);
    }

    /**
     * Parses JSON after checking its UTF-8 strictly: Jackson's own decoder lets overlong forms ({@code C0 AF} reads as
     * '/') and encoded surrogates ({@code ED A0 80}) through, which would reach the tables as other characters.
     */
    private JsonNode parseStrictUtf8(byte[] bytes) throws IOException {
        if (!StrictUtf8.isWellFormed(bytes)) {
            throw new CharacterCodingException();
        }
        // well-formed UTF-8 goes to the byte parser as it is: no decoded copy of every record
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
            return Json.MAPPER.readTree(parser);
        }
    }

    /** Decides what a JSON object is, unwrapping the envelopes single records travel in. */
    private Outcome classify(JsonNode node, byte[] bytes, long offset, String cluster) {
        JsonNode message = node.get("message");
        if (message != null && message.isTextual() && node.has("timestamp") && !node.has("auditID")) {
            // a CloudWatch Logs event: the message is the record
            return unwrapText(message.asText(), offset, cluster);
        }
        JsonNode lookup = node.get("CloudTrailEvent");
        if (lookup != null && lookup.isTextual()) {
            return unwrapText(lookup.asText(), offset, cluster);
        }
        JsonNode detail = node.get("detail");
        if (detail != null && detail.isObject() && node.has("detail-type")) {
            return classify(detail, bytes, offset, cluster);
        }
        try {
            if (CloudTrailRecordParser.looksLikeRecord(node)) {
                if (CloudTrailRecordParser.isInsight(node)) {
                    return Outcome.SKIPPED;
                }
                if (ShipperTime.restoreEventTime(node)) { // Logstash, Fluent Bit, Vector, Splunk: their own field
                    timeFromShipperField++;
                }
                sink.apiCall(CloudTrailRecordParser.parse(node, bytes, source));
                return Outcome.API_CALL;
            } else if (AuditEventParser.looksLikeEvent(node)) {
                sink.auditEvent(AuditEventParser.parse(node, cluster, source));
                return Outcome.AUDIT_EVENT;
            } else if (node.has("Records") || node.has("logEvents")) {
                return reject(offset, "wrong envelope: Records/logEvents is not an array", excerpt(bytes));
            } else {
                return reject(offset, "neither a CloudTrail record nor an audit event", excerpt(bytes));
            }
        } catch (RejectedRecord e) {
            return reject(offset, e.getMessage(), excerpt(bytes));
        }
    }

    private Outcome unwrapText(String text, long offset, String cluster) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JsonNode inner;
        try {
            inner = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return reject(offset, "log event message is not JSON", excerpt(bytes));
        }
        if (inner == null || !inner.isObject()) {
            return reject(offset, "log event message is not a JSON object", excerpt(bytes));
        }
        return classify(inner, bytes, offset, cluster);
    }

    /** Quarantines a record; {@link #accept} counts it. */
    private Outcome reject(long offset, String reason, String excerpt) {
        sink.quarantined(new Quarantined(source, "byte " + offset, reason, excerpt));
        return Outcome.QUARANTINED;
    }

    private static String excerpt(byte[] bytes) {
        return Frame.excerpt(bytes, bytes.length);
    }

    private static String excerptOf(Frame frame) {
        if (frame instanceof Frame.Value v) {
            return excerpt(v.bytes());
        }
        return frame instanceof Frame.Garbage g ? g.excerpt() : ((Frame.Oversized) frame).excerpt();
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

    private static String describe(Exception e) {
        // messages of unexpected errors may quote the record: masked like excerpts
        return e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + SecretScrubber.scrubText(firstLine(e.getMessage())));
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
