package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Firehose delivery of a CloudWatch Logs subscription: one S3 object per 5-minute buffer under
 * {@code YYYY/MM/DD/HH/<stream>-1-YYYY-MM-DD-HH-MM-SS-<uuid>.gz}, each object a concatenation of gzip members, the
 * first a CONTROL_MESSAGE, then DATA_MESSAGE batches whose {@code logEvents[].message} is the audit JSON string.
 */
final class FirehoseAuditSink implements AuditSink {
    static final long BUFFER = 5 * Times.MINUTE;
    static final int EVENTS_PER_MESSAGE = 100;

    private final Path root;
    private final SplittableRandom rnd;
    private final String account;
    private final String cluster;
    private final String deliveryStream;
    private final long windowStart;
    private final JsonFactory json = new JsonFactory();
    private final List<long[]> times = new ArrayList<>();
    private final List<byte[]> events = new ArrayList<>();
    private long bufferEnd = Long.MIN_VALUE;
    private long streamDay = Long.MIN_VALUE;
    private String logStream;
    private int files;

    FirehoseAuditSink(Path root, SplittableRandom rnd, String account, String cluster, long windowStart) {
        this.root = root;
        this.rnd = rnd;
        this.account = account;
        this.cluster = cluster;
        this.deliveryStream = "eks-audit-" + cluster;
        this.windowStart = windowStart;
    }

    @Override
    public void write(long ingestMs, byte[] event) throws IOException {
        long end = Math.floorDiv(ingestMs, BUFFER) * BUFFER + BUFFER;
        if (end > bufferEnd && !events.isEmpty()) {
            flush();
        }
        if (end > bufferEnd) {
            bufferEnd = end;
        }
        times.add(new long[] {ingestMs});
        events.add(event);
    }

    private void flush() throws IOException {
        long deliveredAt = bufferEnd + 7 * Times.SECOND;
        long day = Math.floorDiv(bufferEnd - BUFFER - windowStart, Times.DAY);
        if (day > streamDay) {
            streamDay = day;
            logStream = "kube-apiserver-audit-" + Ids.hex(rnd, 32);
        }
        String date = Times.dashed(deliveredAt);
        String hourDir = Times.datePath(deliveredAt) + "/" + date.substring(11, 13);
        Path file = root.resolve(hourDir).resolve(deliveryStream + "-1-" + date + "-" + Ids.uuid(rnd) + ".gz");
        try (OutputStream out =
                new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(createParent(file)), 1 << 16)) {
            out.write(member("CONTROL_MESSAGE", 0, 0, true));
            for (int i = 0; i < events.size(); i += EVENTS_PER_MESSAGE) {
                out.write(member("DATA_MESSAGE", i, Math.min(events.size(), i + EVENTS_PER_MESSAGE), false));
            }
        }
        files++;
        times.clear();
        events.clear();
    }

    private static Path createParent(Path file) throws IOException {
        java.nio.file.Files.createDirectories(file.getParent());
        return file;
    }

    private byte[] member(String type, int from, int to, boolean control) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = json.createGenerator(bos)) {
            g.writeStartObject();
            g.writeStringField("messageType", type);
            g.writeStringField("owner", control ? "CloudwatchLogs" : account);
            g.writeStringField("logGroup", control ? "" : "/aws/eks/" + cluster + "/cluster");
            g.writeStringField("logStream", control ? "" : logStream);
            g.writeArrayFieldStart("subscriptionFilters");
            if (!control) {
                g.writeString("eks-audit-to-firehose");
            }
            g.writeEndArray();
            g.writeArrayFieldStart("logEvents");
            if (control) {
                g.writeStartObject();
                g.writeStringField("id", "");
                g.writeNumberField("timestamp", bufferEnd - BUFFER);
                g.writeStringField("message", "CWL CONTROL MESSAGE: Checking health of destination Firehose.");
                g.writeEndObject();
            } else {
                for (int i = from; i < to; i++) {
                    g.writeStartObject();
                    g.writeStringField("id", Ids.digits(rnd, 56));
                    g.writeNumberField("timestamp", times.get(i)[0]);
                    g.writeStringField("message", new String(events.get(i), StandardCharsets.UTF_8));
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        byte[] raw = bos.toByteArray();
        return Gz.member(raw, raw.length);
    }

    @Override
    public void finish() throws IOException {
        if (!events.isEmpty()) {
            flush();
        }
    }

    @Override
    public int files() {
        return files;
    }

    @Override
    public int skippedFiles() {
        return 0;
    }
}
