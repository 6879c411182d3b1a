package io.trailtailor.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.LogFileOpener;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.flink.stream.LogRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one place input is counted: records of real files (read by the source's own pump) go to their outputs, and each
 * file's figures add to exactly the accumulators the batch reader always kept, so {@code summary.json} is unchanged.
 */
class SplitLogRecordsTest {

    @TempDir
    Path dir;

    private List<LogRecord> read(InputFile file) throws Exception {
        List<LogRecord> out = new ArrayList<>();
        try (LogFileOpener opener = new LogFileOpener(S3Settings.defaults());
                FileRecordPump pump = new FileRecordPump(file, 0, opener)) {
            pump.start();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                LogRecord r = pump.next(100);
                if (r != null && FileRecordPump.isEnd(r)) {
                    return out;
                }
                if (r != null) {
                    out.add(r);
                }
            }
        }
        throw new AssertionError("file not read in time: " + file);
    }

    @Test
    void routesRecordsAndCountsEachFileOnceAsTheBatchReaderDid() throws Exception {
        byte[] good = TrailFiles.gz(TrailFiles.ids("g", 40), Instant.parse("2026-11-03T10:00:00Z"));
        byte[] whole = TrailFiles.gz(TrailFiles.ids("t", 400), Instant.parse("2026-11-03T10:00:00Z"));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        Path g = Files.write(dir.resolve("good.json.gz"), good);
        Path t = Files.write(dir.resolve("truncated.json.gz"), cut);
        List<LogRecord> records = new ArrayList<>();
        records.addAll(read(new InputFile(g.toString(), good.length, InputFile.Kind.CLOUDTRAIL, null)));
        records.addAll(read(new InputFile(t.toString(), cut.length, InputFile.Kind.CLOUDTRAIL, null)));
        records.addAll(read(new InputFile(dir.resolve("gone").toString(), 5, InputFile.Kind.AUDIT, null)));
        long truncatedCalls = records.stream()
                .filter(r -> r.fileDone != null && r.fileDone.source.equals(t.toString()))
                .findFirst()
                .orElseThrow()
                .fileDone
                .apiCalls;

        try (var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new SplitLogRecords()))) {
            h.open();
            for (LogRecord r : records) {
                h.processElement(new StreamRecord<>(r, 0));
            }
            assertThat(h.extractOutputValues()).hasSize((int) (40 + truncatedCalls));
            assertThat(h.getSideOutput(SplitLogRecords.QUARANTINED))
                    .extracting(q -> q.getValue().getSource())
                    .containsExactly(t.toString(), dir.resolve("gone").toString());
            assertThat(h.getSideOutput(SplitLogRecords.AUDIT_EVENTS)).isNull();

            Map<String, Object> counters = new TreeMap<>();
            Map<String, Accumulator<?, ?>> user =
                    h.getEnvironment().getAccumulatorRegistry().getUserMap();
            user.forEach((name, acc) -> counters.put(name, acc.getLocalValue()));
            assertThat(counters)
                    .containsEntry(Counters.CLOUDTRAIL_FILES, 2L)
                    .containsEntry(Counters.AUDIT_FILES, 0L)
                    .containsEntry(Counters.QUARANTINED_FILES, 2L)
                    .containsEntry(Counters.SKIPPED_FILES, 0L)
                    .containsEntry(Counters.API_CALLS_READ, 40 + truncatedCalls)
                    .containsEntry(Counters.RECORDS_READ, 40 + truncatedCalls)
                    .containsEntry(Counters.BYTES_READ, (long) good.length + cut.length)
                    .containsEntry(Counters.QUARANTINED_RECORDS, 0L);
            assertThat(truncatedCalls).isGreaterThan(0).isLessThan(400);
        }
    }
}
