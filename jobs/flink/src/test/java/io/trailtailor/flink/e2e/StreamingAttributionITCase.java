package io.trailtailor.flink.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.analyze.AnalyzeRunner;
import io.trailtailor.flink.stream.EventTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground-truth input in STREAMING mode (checkpointing on, so the sinks commit) gives BATCH's answer: the files
 * are read largest first, not in time order, so calls arrive before their sessions, audit events before or after
 * the calls of their pods, copies of a record from different files; with a max delay that covers that disorder the
 * joins wait by event time and decide as BATCH's sorted joins do. The end of the bounded input is a drain: the
 * watermark goes to its end and every pending record is decided.
 */
@Timeout(300)
class StreamingAttributionITCase {

    /** The input spans about 26 hours of event time, read in no time order: two days cover the disorder. */
    static final EventTime COVERING = new EventTime(Duration.ofDays(2), EventTime.DEFAULT_IDLENESS);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(2);

    @TempDir
    static Path dir;

    static Path batch;
    static Path streaming;

    @BeforeAll
    static void analyzeInBothModes() throws Exception {
        Path input = dir.resolve("input");
        EndToEndITCase.generateSuiteInput(input);
        batch = dir.resolve("out-batch");
        streaming = dir.resolve("out-streaming");
        TestAnalysis.run(EndToEndITCase.analyzeOptions(input, batch, 2));
        var options = EndToEndITCase.analyzeOptions(input, streaming, 2);
        StreamExecutionEnvironment env = TestAnalysis.streaming(dir.resolve("checkpoints"), 2);
        AnalyzeRunner.run(options, env, new PrintStream(new ByteArrayOutputStream()), COVERING);
    }

    @Test
    void attributionTablesEqualBatch() throws Exception {
        for (String table : List.of("api_calls", "attributed_calls", "sessions", "k8s_access")) {
            List<String> b = OutputTables.rowsWithPartition(batch, table);
            List<String> s = OutputTables.rowsWithPartition(streaming, table);
            assertThat(b).as("batch rows of " + table).isNotEmpty();
            List<String> onlyBatch = new ArrayList<>(b);
            onlyBatch.removeAll(s);
            List<String> onlyStreaming = new ArrayList<>(s);
            onlyStreaming.removeAll(b);
            if (!onlyBatch.isEmpty() || !onlyStreaming.isEmpty()) {
                Path diff = Path.of("target", "streaming-vs-batch-" + table + ".txt");
                List<String> lines = new ArrayList<>();
                onlyBatch.forEach(r -> lines.add("BATCH " + r));
                onlyStreaming.forEach(r -> lines.add("STREAMING " + r));
                Files.write(diff, lines);
            }
            assertThat(onlyBatch.subList(0, Math.min(3, onlyBatch.size())))
                    .as(
                            "%s: %d rows only in BATCH, %d only in STREAMING, e.g. %s",
                            table,
                            onlyBatch.size(),
                            onlyStreaming.size(),
                            onlyStreaming.subList(0, Math.min(3, onlyStreaming.size())))
                    .isEmpty();
            assertThat(s).as("rows of " + table).isEqualTo(b);
            System.out.printf("streaming = batch: %s %d rows%n", table, b.size());
        }
    }

    @Test
    void policiesAndRbacEqualBatch() throws Exception {
        for (String tree : List.of("policies", "rbac")) {
            Map<String, String> b = io.trailtailor.flink.OutputTables.textFiles(batch.resolve(tree));
            Map<String, String> s = io.trailtailor.flink.OutputTables.textFiles(streaming.resolve(tree));
            assertThat(b).as("batch " + tree).isNotEmpty();
            assertThat(s.keySet()).as(tree).containsExactlyElementsOf(b.keySet());
            b.forEach((name, text) ->
                    assertThat(s.get(name)).as(tree + "/" + name).isEqualTo(text));
            System.out.printf("streaming = batch: %s %d files%n", tree, b.size());
        }
    }

    @Test
    void countsEqualBatchWithNothingLate() throws Exception {
        JsonNode b = new ObjectMapper().readTree(batch.resolve("summary.json").toFile());
        JsonNode s =
                new ObjectMapper().readTree(streaming.resolve("summary.json").toFile());
        for (String section : List.of("input", "sessions", "calls")) {
            assertThat(s.get(section)).as(section).isEqualTo(b.get(section));
        }
        assertThat(OutputTables.files(streaming.resolve("parquet/late")))
                .as("late records")
                .isEmpty();
    }
}
