package io.trailtailor.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.input.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both enumerators: who gets which file when, what a checkpoint holds, and what a restore hands out again. */
class FileEnumeratorsTest {

    private static InputFile file(String name, long size) {
        return new InputFile("/logs/" + name, size, InputFile.Kind.CLOUDTRAIL, null);
    }

    /**
     * A discovery that returns what a test queued for each poll, and whose state is the number of polls so far: small
     * and real enough to tell what the enumerator checkpoints and forwards.
     */
    static final class QueuedDiscovery implements FileDiscovery {
        final Deque<List<InputFile>> polls = new ArrayDeque<>();
        final List<Long> completed = new ArrayList<>();
        int pollCount;
        boolean failNext;

        @Override
        public List<InputFile> poll() throws IOException {
            if (failNext) {
                failNext = false;
                throw new IOException("endpoint away");
            }
            pollCount++;
            List<InputFile> next = polls.poll();
            return next == null ? List.of() : next;
        }

        @Override
        public byte[] snapshot(long checkpointId) {
            return ("polls=" + pollCount).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void restore(byte[] state) {
            pollCount = Integer.parseInt(new String(state, StandardCharsets.UTF_8).substring("polls=".length()));
        }

        @Override
        public void checkpointComplete(long checkpointId) {
            completed.add(checkpointId);
        }
    }

    @Test
    void aListedSourceHandsOutLargestFirstOneAtATimeThenSaysNoMore() throws Exception {
        RecordingEnumeratorContext ctx = new RecordingEnumeratorContext(2);
        LogFileSource source = LogFileSource.bounded(List.of(file("small", 10), file("big", 1000), file("mid", 100)));
        var enumerator = source.createEnumerator(ctx);
        enumerator.start();

        enumerator.handleSplitRequest(0, "localhost");
        enumerator.handleSplitRequest(1, "localhost");
        enumerator.handleSplitRequest(1, "localhost");
        assertThat(ctx.assignedUris(0)).containsExactly("/logs/big");
        assertThat(ctx.assignedUris(1)).containsExactly("/logs/mid", "/logs/small");
        assertThat(ctx.noMoreSplits).isEmpty();

        // reader 1 failed after its last checkpoint had 7 records of "small": it comes back with that count
        enumerator.addSplitsBack(List.of(new FileSplit(file("small", 10), 7)), 1);
        FileEnumeratorState state = roundTrip(enumerator.snapshotState(1));
        assertThat(state.unassigned()).containsExactly(new FileSplit(file("small", 10), 7));
        assertThat(state.discovery()).isNull();

        RecordingEnumeratorContext after = new RecordingEnumeratorContext(2);
        var restored = source.restoreEnumerator(after, state);
        restored.handleSplitRequest(0, "localhost");
        restored.handleSplitRequest(0, "localhost");
        assertThat(after.assigned.get(0)).containsExactly(new FileSplit(file("small", 10), 7));
        assertThat(after.noMoreSplits).containsExactly(0);
    }

    @Test
    void aContinuousSourceAssignsWhatEachPollFindsToWaitingReaders() throws Exception {
        RecordingEnumeratorContext ctx = new RecordingEnumeratorContext(2);
        QueuedDiscovery discovery = new QueuedDiscovery();
        discovery.polls.add(List.of(file("a", 1)));
        discovery.polls.add(List.of());
        discovery.polls.add(List.of(file("b", 1), file("c", 1), file("d", 1)));
        LogFileSource source = LogFileSource.continuous(discovery, Duration.ofSeconds(1));
        var enumerator = source.createEnumerator(ctx);
        enumerator.start();

        enumerator.handleSplitRequest(0, "localhost");
        enumerator.handleSplitRequest(1, "localhost");
        assertThat(ctx.assigned).isEmpty();

        ctx.tick();
        assertThat(ctx.assignedUris(0)).containsExactly("/logs/a");
        assertThat(ctx.assignedUris(1)).isEmpty();

        ctx.tick();
        discovery.failNext = true;
        ctx.tick(); // a failed listing is retried at the next interval, the job goes on
        ctx.tick();
        assertThat(ctx.assignedUris(1)).containsExactly("/logs/b");
        assertThat(ctx.noMoreSplits).isEmpty();

        // the checkpoint holds what was found but not handed out, and the discovery's state with it
        FileEnumeratorState state = roundTrip(enumerator.snapshotState(5));
        assertThat(state.unassigned()).extracting(s -> s.file().uri).containsExactly("/logs/c", "/logs/d");
        assertThat(new String(state.discovery(), StandardCharsets.UTF_8)).isEqualTo("polls=3");

        enumerator.notifyCheckpointComplete(5);
        assertThat(discovery.completed).containsExactly(5L);

        // restored: the discovery continues from its state, the pending files go out first
        QueuedDiscovery fresh = new QueuedDiscovery();
        fresh.polls.add(List.of(file("e", 1)));
        LogFileSource again = LogFileSource.continuous(fresh, Duration.ofSeconds(1));
        RecordingEnumeratorContext after = new RecordingEnumeratorContext(2);
        var restored = again.restoreEnumerator(after, state);
        restored.start();
        assertThat(fresh.pollCount).isEqualTo(3);
        restored.handleSplitRequest(1, "localhost");
        restored.handleSplitRequest(0, "localhost");
        after.tick();
        restored.handleSplitRequest(0, "localhost");
        assertThat(after.assignedUris(1)).containsExactly("/logs/c");
        assertThat(after.assignedUris(0)).containsExactly("/logs/d", "/logs/e");
        assertThat(fresh.pollCount).isEqualTo(4);
    }

    private static FileEnumeratorState roundTrip(FileEnumeratorState state) throws IOException {
        FileEnumeratorStateSerializer s = FileEnumeratorStateSerializer.INSTANCE;
        return s.deserialize(s.getVersion(), s.serialize(state));
    }
}
