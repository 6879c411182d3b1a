package io.trailtailor.flink.source;

import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.FileReport;
import io.trailtailor.event.LogFileReader;
import io.trailtailor.event.Quarantined;
import io.trailtailor.event.RecordSink;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.LogFileOpener;
import io.trailtailor.flink.stream.FileCounts;
import io.trailtailor.flink.stream.LogRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads one file on its own thread into a small bounded queue, so that the push-style core {@link LogFileReader}
 * feeds a pull-style split reader one record at a time: at most {@link #CAPACITY} records of a file are ever held,
 * never the whole file. Every record the file yields is numbered, its closing {@link FileCounts} included; the first
 * {@code skip} (already emitted before a restore) are dropped, so a file read again yields exactly the rest.
 */
final class FileRecordPump implements AutoCloseable {

    static final int CAPACITY = 1024;

    /** Marks the end of the file in the queue, after its {@link FileCounts}. */
    private static final LogRecord END = new LogRecord();

    private final BlockingQueue<LogRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final InputFile file;
    private final long skip;
    private final LogFileOpener opener;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private long numbered;

    FileRecordPump(InputFile file, long skip, LogFileOpener opener) {
        this.file = file;
        this.skip = skip;
        this.opener = opener;
        this.thread = new Thread(this::run, "log-file-pump " + file.uri);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * The next record, waiting at most {@code timeoutMillis}; null when none came in time.
     *
     * @throws IOException when the reading thread itself failed (a bug, never bad input: that is quarantined)
     */
    LogRecord next(long timeoutMillis) throws IOException, InterruptedException {
        LogRecord r = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (r == null && failure != null && queue.isEmpty()) {
            throw new IOException("reading " + file.uri + " failed", failure);
        }
        return r;
    }

    /** The record taken next without waiting, or null. */
    LogRecord poll() {
        return queue.poll();
    }

    static boolean isEnd(LogRecord r) {
        return r == END;
    }

    private void run() {
        try {
            FileCounts counts = read();
            offer(LogRecord.of(counts));
            put(END);
        } catch (Stopped e) {
            // closed before the file's end: whatever is queued is discarded with the pump
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Reads the file, quarantining it whole when it cannot be opened, as the batch reader always has. */
    private FileCounts read() throws InterruptedException {
        RecordSink sink = new RecordSink() {
            @Override
            public void apiCall(ApiCall call) {
                offer(LogRecord.of(AvroMapper.toAvro(call)));
            }

            @Override
            public void auditEvent(AuditEvent event) {
                offer(LogRecord.of(AvroMapper.toAvro(event)));
            }

            @Override
            public void quarantined(Quarantined rejected) {
                offer(LogRecord.of(AvroMapper.toAvro(rejected)));
            }
        };
        LogFileReader reader = new LogFileReader(file.uri, file.cluster, sink);
        FileReport report;
        boolean opened = false;
        try (InputStream in = opener.open(file)) {
            opened = true;
            report = reader.read(in);
        } catch (Stopped e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the job goes on: the file is quarantined, and what was read before the failure stays counted
            String reason = opened
                    ? "reading stopped after " + reader.countedSoFar(null).recordsRead() + " records: " + e
                    : "cannot open: " + e.getMessage();
            sink.quarantined(new Quarantined(file.uri, "file", reason, null));
            report = reader.countedSoFar(reason);
        }
        return counts(report, opened);
    }

    private FileCounts counts(FileReport report, boolean opened) {
        FileCounts c = new FileCounts();
        c.source = file.uri;
        c.kind = file.kind.name();
        c.outcome = !opened ? "unopenable" : report.skipped() ? "skipped" : "read";
        c.quarantined = report.quarantined();
        c.bytes = Math.max(file.size, 0);
        c.recordsRead = report.recordsRead();
        c.apiCalls = report.apiCalls();
        c.auditEvents = report.auditEvents();
        c.quarantinedRecords = report.quarantinedRecords();
        c.skippedRecords = report.skippedRecords();
        c.timeFromShipperField = report.timeFromShipperField();
        return c;
    }

    /** Queues a record unless it was emitted before the restore; blocks while the queue is full. */
    private void offer(LogRecord r) {
        if (numbered++ < skip) {
            return;
        }
        try {
            put(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    private void put(LogRecord r) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(r, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        throw new Stopped();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(10_000);
    }

    /** Unwinds the core reader when the pump is closed mid-file; never escapes the pump. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
