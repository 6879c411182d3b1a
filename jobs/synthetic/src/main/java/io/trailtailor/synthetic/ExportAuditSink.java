package io.trailtailor.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * CloudWatch Logs export task layout: {@code exportedlogs/<taskId>/<logStream>/000000.gz}, one line per event,
 * {@code <ISO ms>Z <json>}; log streams rotate daily, chunks every {@link #LINES_PER_CHUNK} lines; plus the
 * {@code aws-logs-write-test} permission probe.
 */
final class ExportAuditSink implements AuditSink {
    static final int LINES_PER_CHUNK = 50_000;

    private final Path taskDir;
    private final SplittableRandom rnd;
    private final long windowStart;
    private OutputStream out;
    private long streamDay = Long.MIN_VALUE;
    private String stream;
    private int chunk;
    private int lines;
    private int files;

    ExportAuditSink(Path exportRoot, SplittableRandom rnd, long windowStart) throws IOException {
        this.rnd = rnd;
        this.windowStart = windowStart;
        this.taskDir = exportRoot.resolve(Ids.uuid(rnd));
        Files.createDirectories(exportRoot);
        Files.writeString(
                exportRoot.resolve("aws-logs-write-test"), "Permission Check Successful", StandardCharsets.UTF_8);
    }

    @Override
    public void write(long ingestMs, byte[] json) throws IOException {
        long day = Math.floorDiv(ingestMs - windowStart, Times.DAY);
        if (day > streamDay || out == null) {
            if (day > streamDay) {
                streamDay = day;
                stream = "kube-apiserver-audit-" + Ids.hex(rnd, 32);
                chunk = 0;
            }
            open();
        } else if (lines >= LINES_PER_CHUNK) {
            open();
        }
        out.write(Times.isoMillis(ingestMs).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.write(json);
        out.write('\n');
        lines++;
    }

    private void open() throws IOException {
        if (out != null) {
            out.close();
        }
        out = Gz.create(taskDir.resolve(stream).resolve(String.format("%06d.gz", chunk++)));
        files++;
        lines = 0;
    }

    @Override
    public void finish() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    @Override
    public int files() {
        return files;
    }

    @Override
    public int skippedFiles() {
        return 1;
    }
}
