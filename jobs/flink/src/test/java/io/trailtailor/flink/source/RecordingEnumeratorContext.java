package io.trailtailor.flink.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * A stand-in for the coordinator's enumerator context (nothing real can run an enumerator outside a job): it records
 * assignments and "no more splits", and runs the periodic call only when a test says so, so that enumerator tests
 * decide exactly when discovery happens.
 */
final class RecordingEnumeratorContext implements SplitEnumeratorContext<FileSplit> {

    final Map<Integer, List<FileSplit>> assigned = new HashMap<>();
    final List<Integer> noMoreSplits = new ArrayList<>();
    private final Map<Integer, ReaderInfo> readers = new HashMap<>();
    private Callable<Object> periodic;
    private BiConsumer<Object, Throwable> handler;

    RecordingEnumeratorContext(int readers) {
        for (int i = 0; i < readers; i++) {
            this.readers.put(i, new ReaderInfo(i, "localhost"));
        }
    }

    /** Runs the periodic call and its handler once, as the coordinator would at the next interval. */
    void tick() {
        Object result = null;
        Throwable error = null;
        try {
            result = periodic.call();
        } catch (Throwable t) {
            error = t;
        }
        handler.accept(result, error);
    }

    List<String> assignedUris(int subtask) {
        return assigned.getOrDefault(subtask, List.of()).stream()
                .map(s -> s.file().uri)
                .toList();
    }

    @Override
    public SplitEnumeratorMetricGroup metricGroup() {
        return UnregisteredMetricsGroup.createSplitEnumeratorMetricGroup();
    }

    @Override
    public void sendEventToSourceReader(int subtaskId, SourceEvent event) {}

    @Override
    public int currentParallelism() {
        return readers.size();
    }

    @Override
    public Map<Integer, ReaderInfo> registeredReaders() {
        return readers;
    }

    @Override
    public void assignSplits(SplitsAssignment<FileSplit> assignment) {
        assignment
                .assignment()
                .forEach((subtask, splits) -> assigned.computeIfAbsent(subtask, k -> new ArrayList<>())
                        .addAll(splits));
    }

    @Override
    public void signalNoMoreSplits(int subtask) {
        noMoreSplits.add(subtask);
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
        throw new UnsupportedOperationException("the file enumerators only call periodically");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
        this.periodic = (Callable<Object>) callable;
        this.handler = (BiConsumer<Object, Throwable>) handler;
    }

    @Override
    public void runInCoordinatorThread(Runnable runnable) {
        runnable.run();
    }
}
