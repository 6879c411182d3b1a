package io.trailtailor.flink.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.analyze.AnalyzeRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same topology in STREAMING mode (checkpointing on, so the Parquet sinks commit) writes the attribution tables
 * BATCH writes for the same input: the joins wait by event time instead of relying on BATCH's sort order.
 */
@Timeout(300)
class StreamingAttributionITCase {

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
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(500);
        env.setParallelism(2);
        AnalyzeRunner.run(options, env, new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void attributionTablesEqualBatch() throws Exception {
        for (String table : List.of("attributed_calls", "sessions", "k8s_access")) {
            List<String> b = OutputTables.rowsWithPartition(batch, table);
            List<String> s = OutputTables.rowsWithPartition(streaming, table);
            assertThat(b).as("batch rows of " + table).isNotEmpty();
            assertThat(s).as("rows of " + table).isEqualTo(b);
            System.out.printf("streaming = batch: %s %d rows%n", table, b.size());
        }
    }
}
