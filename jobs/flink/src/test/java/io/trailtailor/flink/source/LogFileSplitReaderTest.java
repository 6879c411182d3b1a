package io.trailtailor.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.stream.FileCounts;
import io.trailtailor.flink.stream.LogRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The split reader over real files: every record once, in order, a restore skipping exactly what was emitted. */
class LogFileSplitReaderTest {

    @TempDir
    Path dir;

    /** What one split yielded: its records in order, and whether the split was reported finished. */
    private record Read(List<LogRecord> records, boolean finished) {

        List<String> eventIds() {
            return records.stream()
                    .filter(r -> r.apiCall != null)
                    .map(r -> r.apiCall.getEventId())
                    .toList();
        }

        FileCounts last() {
            return records.get(records.size() - 1).fileDone;
        }
    }

    private InputFile file(String name, byte[] bytes) throws Exception {
        Path p = Files.write(dir.resolve(name), bytes);
        return new InputFile(p.toString(), bytes.length, InputFile.Kind.CLOUDTRAIL, null);
    }

    private static Read readAll(FileSplit split) throws Exception {
        try (LogFileSplitReader reader = new LogFileSplitReader(S3Settings.defaults())) {
            reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
            List<LogRecord> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                RecordsWithSplitIds<LogRecord> batch = reader.fetch();
                String id;
                while ((id = batch.nextSplit()) != null) {
                    assertThat(id).isEqualTo(split.splitId());
                    LogRecord r;
                    while ((r = batch.nextRecordFromSplit()) != null) {
                        out.add(r);
                    }
                }
                if (batch.finishedSplits().contains(split.splitId())) {
                    return new Read(out, true);
                }
            }
            return new Read(out, false);
        }
    }

    @Test
    void emitsEveryRecordOnceThenTheFilesFigures() throws Exception {
        // more records than the pump's queue holds: the file streams through, it is not held whole
        List<String> ids = TrailFiles.ids("a", FileRecordPump.CAPACITY * 3 + 7);
        InputFile f = file("a.json.gz", TrailFiles.gz(ids, Instant.parse("2026-11-03T10:00:00Z")));

        Read read = readAll(FileSplit.of(f));

        assertThat(read.finished()).isTrue();
        assertThat(read.eventIds()).containsExactlyElementsOf(ids);
        assertThat(read.records()).hasSize(ids.size() + 1);
        FileCounts counts = read.last();
        assertThat(counts.outcome).isEqualTo("read");
        assertThat(counts.quarantined).isFalse();
        assertThat(counts.recordsRead).isEqualTo(ids.size());
        assertThat(counts.apiCalls).isEqualTo(ids.size());
        assertThat(counts.bytes).isEqualTo(f.size);
        assertThat(counts.kind).isEqualTo("CLOUDTRAIL");
    }

    @Test
    void aRestoredSplitSkipsExactlyTheRecordsAlreadyEmitted() throws Exception {
        List<String> ids = TrailFiles.ids("b", 500);
        InputFile f = file("b.json.gz", TrailFiles.gz(ids, Instant.parse("2026-11-03T10:00:00Z")));

        // as the reader's split state counts them: 123 records emitted before the checkpoint
        FileSplitState state = new FileSplitState(FileSplit.of(f));
        for (int i = 0; i < 123; i++) {
            state.emitted();
        }
        FileSplit checkpointed = FileSplitSerializer.INSTANCE.deserialize(
                FileSplitSerializer.INSTANCE.getVersion(), FileSplitSerializer.INSTANCE.serialize(state.toSplit()));
        Read rest = readAll(checkpointed);

        assertThat(checkpointed.recordsEmitted()).isEqualTo(123);
        assertThat(rest.eventIds()).containsExactlyElementsOf(ids.subList(123, 500));
        assertThat(rest.last().recordsRead).isEqualTo(500);

        // emitted all but the closing figures: only they remain; emitted those too: nothing remains
        assertThat(readAll(new FileSplit(f, 500)).records())
                .singleElement()
                .satisfies(r -> assertThat(r.fileDone.apiCalls).isEqualTo(500));
        Read none = readAll(new FileSplit(f, 501));
        assertThat(none.finished()).isTrue();
        assertThat(none.records()).isEmpty();
    }

    @Test
    void aFileThatCannotBeOpenedIsQuarantinedWholeAndCountedAsUnopenable() throws Exception {
        InputFile missing = new InputFile(dir.resolve("gone.json.gz").toString(), 10, InputFile.Kind.AUDIT, "prod");

        Read read = readAll(FileSplit.of(missing));

        assertThat(read.records()).hasSize(2);
        assertThat(read.records().get(0).quarantined.getSource()).isEqualTo(missing.uri);
        assertThat(read.records().get(0).quarantined.getReason()).startsWith("cannot open: ");
        assertThat(read.last().outcome).isEqualTo("unopenable");
        assertThat(read.last().kind).isEqualTo("AUDIT");
    }

    @Test
    void aTruncatedFileKeepsWhatWasReadAndIsQuarantined() throws Exception {
        List<String> ids = TrailFiles.ids("c", 200);
        byte[] whole = TrailFiles.gz(ids, Instant.parse("2026-11-03T10:00:00Z"));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        InputFile f = file("c.json.gz", cut);

        Read read = readAll(FileSplit.of(f));

        FileCounts counts = read.last();
        assertThat(counts.outcome).isEqualTo("read");
        assertThat(counts.quarantined).isTrue();
        assertThat(read.eventIds()).hasSize((int) counts.apiCalls);
        assertThat(read.eventIds()).containsExactlyElementsOf(ids.subList(0, (int) counts.apiCalls));
        assertThat(read.records().stream().filter(r -> r.quarantined != null)).hasSize(1);
    }
}
