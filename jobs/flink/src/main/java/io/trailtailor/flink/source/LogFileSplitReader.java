package io.trailtailor.flink.source;

import io.trailtailor.flink.input.LogFileOpener;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.stream.LogRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * Reads its splits one file after another, handing records over in small batches as the file yields them. Runs on
 * the source's fetcher thread; the file itself is read by a {@link FileRecordPump}.
 */
final class LogFileSplitReader implements SplitReader<LogRecord, FileSplit> {

    static final int BATCH = 256;
    private static final long WAIT_MILLIS = 50;

    private final LogFileOpener opener;
    private final Queue<FileSplit> pending = new ArrayDeque<>();
    private FileSplit current;
    private FileRecordPump pump;
    private volatile boolean wokenUp;

    LogFileSplitReader(S3Settings s3Settings) {
        this.opener = new LogFileOpener(s3Settings);
    }

    @Override
    public RecordsWithSplitIds<LogRecord> fetch() throws IOException {
        RecordsBySplits.Builder<LogRecord> batch = new RecordsBySplits.Builder<>();
        if (current == null) {
            current = pending.poll();
            if (current == null) {
                return batch.build();
            }
            pump = new FileRecordPump(current.file(), current.recordsEmitted(), opener);
            pump.start();
        }
        try {
            LogRecord first = null;
            // wait for the file's next record, but give the fetcher back its thread when it asks (wakeUp)
            while (first == null && !wokenUp) {
                first = pump.next(WAIT_MILLIS);
            }
            wokenUp = false;
            LogRecord r = first;
            int n = 0;
            while (r != null) {
                if (FileRecordPump.isEnd(r)) {
                    batch.addFinishedSplit(current.splitId());
                    closePump();
                    current = null;
                    break;
                }
                batch.add(current.splitId(), r);
                r = ++n < BATCH ? pump.poll() : null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + current, e);
        }
        return batch.build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<FileSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change.getClass());
        }
        pending.addAll(change.splits());
    }

    @Override
    public void wakeUp() {
        wokenUp = true;
    }

    private void closePump() throws InterruptedException {
        if (pump != null) {
            pump.close();
            pump = null;
        }
    }

    @Override
    public void close() throws Exception {
        closePump();
        opener.close();
    }
}
