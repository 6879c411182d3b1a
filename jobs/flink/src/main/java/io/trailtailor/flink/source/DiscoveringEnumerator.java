package io.trailtailor.flink.source;

import io.trailtailor.flink.input.InputFile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a {@link FileDiscovery} for new files every discovery interval (on the coordinator's worker thread, so a slow
 * listing never blocks checkpoints) and hands them to readers as they ask. A checkpoint holds the discovery's state
 * together with the files found but not yet handed out; both are taken under one lock with each poll, so no file is
 * ever both "seen" by the discovery and missing from the checkpoint. Completed checkpoints are passed on, so that a
 * discovery may acknowledge what they cover (SQS deletes its messages then, never earlier).
 */
final class DiscoveringEnumerator implements SplitEnumerator<FileSplit, FileEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveringEnumerator.class);

    private final SplitEnumeratorContext<FileSplit> context;
    private final FileDiscovery discovery;
    private final Duration interval;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: polls add to it on the worker thread, assignment takes from it. */
    private final Deque<FileSplit> unassigned;
    /** Readers that asked while nothing was there; touched on the coordinator thread only. */
    private final Set<Integer> waiting = new LinkedHashSet<>();

    DiscoveringEnumerator(
            SplitEnumeratorContext<FileSplit> context,
            FileDiscovery discovery,
            Duration interval,
            Collection<FileSplit> unassigned) {
        this.context = context;
        this.discovery = discovery;
        this.interval = interval;
        this.unassigned = new ArrayDeque<>(unassigned);
    }

    @Override
    public void start() {
        context.callAsync(this::poll, this::afterPoll, 0, interval.toMillis());
    }

    /** Worker thread: new files go straight into the pending list, in the same step as the discovery's own state. */
    private Integer poll() throws IOException {
        synchronized (lock) {
            List<InputFile> found = discovery.poll();
            found.forEach(f -> unassigned.add(FileSplit.of(f)));
            return found.size();
        }
    }

    /** Coordinator thread. A failed listing (endpoint away, say) is retried at the next interval, never fatal. */
    private void afterPoll(Integer found, Throwable error) {
        if (error != null) {
            LOG.warn("file discovery failed, trying again in {}: {}", interval, error.toString());
            return;
        }
        assignWaiting();
    }

    private void assignWaiting() {
        synchronized (lock) {
            Iterator<Integer> readers = waiting.iterator();
            while (readers.hasNext() && !unassigned.isEmpty()) {
                int subtask = readers.next();
                readers.remove();
                if (context.registeredReaders().containsKey(subtask)) {
                    context.assignSplit(unassigned.poll(), subtask);
                }
            }
        }
    }

    @Override
    public void handleSplitRequest(int subtask, String hostname) {
        waiting.add(subtask);
        assignWaiting();
    }

    @Override
    public void addSplitsBack(List<FileSplit> splits, int subtask) {
        synchronized (lock) {
            for (int i = splits.size() - 1; i >= 0; i--) {
                unassigned.addFirst(splits.get(i));
            }
        }
        assignWaiting();
    }

    @Override
    public void addReader(int subtask) {}

    @Override
    public FileEnumeratorState snapshotState(long checkpointId) throws IOException {
        synchronized (lock) {
            return new FileEnumeratorState(List.copyOf(unassigned), discovery.snapshot(checkpointId));
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws IOException {
        synchronized (lock) {
            discovery.checkpointComplete(checkpointId);
        }
    }

    @Override
    public void close() throws IOException {
        discovery.close();
    }
}
