package io.trailtailor.flink.source;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands a fixed list of files to readers as they ask, one at a time, in the list's order (largest first, so the
 * long files start early and the short ones fill the gaps); a reader that asks when none are left is told there will
 * be no more, which ends the bounded source.
 */
final class ListedFilesEnumerator implements SplitEnumerator<FileSplit, FileEnumeratorState> {

    private final SplitEnumeratorContext<FileSplit> context;
    private final Deque<FileSplit> unassigned;

    ListedFilesEnumerator(SplitEnumeratorContext<FileSplit> context, Collection<FileSplit> splits) {
        this.context = context;
        this.unassigned = new ArrayDeque<>(splits);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, String hostname) {
        if (!context.registeredReaders().containsKey(subtask)) {
            return; // the reader failed after asking; its replacement will ask again
        }
        FileSplit next = unassigned.poll();
        if (next != null) {
            context.assignSplit(next, subtask);
        } else {
            context.signalNoMoreSplits(subtask);
        }
    }

    @Override
    public void addSplitsBack(List<FileSplit> splits, int subtask) {
        // a failed reader's files go first again, with how far the reader had come at the last checkpoint
        for (int i = splits.size() - 1; i >= 0; i--) {
            unassigned.addFirst(splits.get(i));
        }
    }

    @Override
    public void addReader(int subtask) {}

    @Override
    public FileEnumeratorState snapshotState(long checkpointId) {
        return new FileEnumeratorState(List.copyOf(unassigned), null);
    }

    @Override
    public void close() {}
}
