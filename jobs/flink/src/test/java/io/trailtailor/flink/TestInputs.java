package io.trailtailor.flink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Lays out real-shaped log files the way AWS delivers them, for job tests. */
public final class TestInputs {

    public static final String TRAIL_DIR = "AWSLogs/o-abcd1234ef/111111111111/CloudTrail/us-west-2/2024/04/16/";

    private TestInputs() {}

    public static byte[] fixture(String name) {
        try (InputStream in = TestInputs.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[]... members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] member : members) {
            try {
                GZIPOutputStream gz = new GZIPOutputStream(out);
                gz.write(member);
                gz.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toByteArray();
    }

    /**
     * A CloudTrail bucket copy with every layout and some bad input, under {@code root/cloudtrail}, and EKS audit
     * logs under {@code root/audit}. Returns the expected counts.
     */
    public static Expected writeMixed(Path root) throws IOException {
        Path trail = root.resolve("cloudtrail");
        write(
                trail.resolve(TRAIL_DIR + "111111111111_CloudTrail_us-west-2_20240416T0920Z_A6kvhMoVeCsc7v8U.json.gz"),
                gzip(fixture("cloudtrail-envelope.json")));
        // CloudTrail redelivers: the same file content under another name
        write(
                trail.resolve(TRAIL_DIR + "111111111111_CloudTrail_us-west-2_20240416T0925Z_B6kvhMoVeCsc7v8U.json.gz"),
                gzip(fixture("cloudtrail-envelope.json")));
        write(
                trail.resolve("AWSLogs/o-abcd1234ef/111111111111/CloudTrail-Digest/us-west-2/2024/04/16/d.json.gz"),
                gzip(fixture("digest.json")));
        write(trail.resolve("exports/lines.jsonl"), fixture("cloudtrail-lines.jsonl"));
        write(trail.resolve("exports/array.json"), fixture("cloudtrail-array.json"));
        write(
                trail.resolve("exports/broken.json"),
                "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventName\":\"GetObject\"}, 17]}"
                        .getBytes(StandardCharsets.UTF_8));
        write(trail.resolve("exports/empty.json"), new byte[0]);

        Path audit = root.resolve("audit");
        write(audit.resolve("apiserver/audit.jsonl"), fixture("audit-kube-apiserver.jsonl"));
        write(
                audit.resolve("firehose/2022/11/28/18/stream-1.gz"),
                gzip(
                        fixture("firehose-member-control.json"),
                        fixture("firehose-member-1.json"),
                        fixture("firehose-member-2.json")));
        // envelope: 7 distinct records; lines: 1 new + 2 seen in the envelope; array: 2 seen in the envelope
        return new Expected(
                /* cloudtrailFiles: 2 trail files, lines, array, broken, empty */ 6,
                /* distinct calls */ 8,
                /* audit files */ 2,
                /* distinct audit events: Firehose repeats 3 of the 4 */ 4,
                /* duplicates: 7 redelivered + 2 in lines + 2 in array + 3 audit */ 14,
                /* quarantined: 2 records of broken.json + the empty file */ 3,
                /* skipped files: the digest */ 1);
    }

    /** What {@link #writeMixed} must produce. */
    public record Expected(
            long cloudtrailFiles,
            long cloudtrailRecords,
            long auditFiles,
            long auditEvents,
            long duplicates,
            long quarantined,
            long skippedFiles) {}

    public static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
