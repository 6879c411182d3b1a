package io.trailtailor.flink.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.TestInputs;
import io.trailtailor.flink.input.S3Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class AnalyzeJobITCase {

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(4)
          .setConfiguration(noRestarts())
          .build());

  @TempDir
  Path dir;

  private static Configuration noRestarts() {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    return conf;
  }

  static AnalyzeOptions options(Path in, Path out, int parallelism) {
    return new AnalyzeOptions(List.of(in.resolve("cloudtrail").toString()),
        List.of("prod-east=" + in.resolve("audit/apiserver"), in.resolve("audit/firehose").toString()),
        null, List.of(), List.of(), null, null, Set.of(), Set.of(), out.toString(), parallelism, null,
        S3Settings.defaults());
  }

  static AnalyzeRunner.Outcome analyze(AnalyzeOptions options) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.setParallelism(options.parallelism());
    return AnalyzeRunner.run(options, env, new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void readsEveryLayoutAndAccountsForEveryRecord() throws Exception {
    TestInputs.Expected expected = TestInputs.writeMixed(dir.resolve("in"));
    Path out = dir.resolve("out");

    Summary summary = analyze(options(dir.resolve("in"), out, 2)).summary();

    assertThat(summary.input("cloudtrailFiles")).isEqualTo(expected.cloudtrailFiles());
    assertThat(summary.input("cloudtrailRecords")).isEqualTo(expected.cloudtrailRecords());
    assertThat(summary.input("auditFiles")).isEqualTo(expected.auditFiles());
    assertThat(summary.input("auditEvents")).isEqualTo(expected.auditEvents());
    assertThat(summary.input("duplicates")).isEqualTo(expected.duplicates());
    assertThat(summary.input("quarantined")).isEqualTo(expected.quarantined());
    assertThat(summary.input("skippedFiles")).isEqualTo(expected.skippedFiles());
    assertThat(summary.input("recordsRead"))
        .as("records read = kept + duplicates + quarantined records + skipped records")
        .isEqualTo(summary.input("cloudtrailRecords") + summary.input("auditEvents") + summary.input("duplicates")
            + summary.input("quarantinedRecords") + summary.input("skippedRecords"));
    assertThat(summary.json().path("calls").path("denied").asLong()).isEqualTo(1);
    assertThat(summary.json().path("window").path("from").asText()).isEqualTo("2017-12-11T15:01:51Z");

    List<GenericRecord> calls = readTable(out.resolve("parquet/api_calls"));
    assertThat(calls).hasSize((int) expected.cloudtrailRecords());
    assertThat(calls).extracting(r -> r.get("eventId").toString()).doesNotHaveDuplicates();
    assertThat(partitions(out.resolve("parquet/api_calls")))
        .contains("dt=2024-04-16", "dt=2017-12-11", "dt=2023-12-13");
    List<GenericRecord> events = readTable(out.resolve("parquet/audit_events"));
    assertThat(events).extracting(r -> r.get("cluster").toString()).containsOnly("prod-east");

    List<String> quarantine = lines(out.resolve("quarantine"));
    assertThat(quarantine).hasSize((int) expected.quarantined());
    assertThat(String.join("\n", quarantine)).contains("CloudTrail record without eventSource", "not a JSON object",
        "empty file");
    assertThat(allOutputText(out)).doesNotContain("SECRET").doesNotContain("hunter2");
  }

  @Test
  void writesTheSameTablesAtParallelismOneAndFour() throws Exception {
    TestInputs.writeMixed(dir.resolve("in"));

    analyze(options(dir.resolve("in"), dir.resolve("p1"), 1));
    analyze(options(dir.resolve("in"), dir.resolve("p4"), 4));

    for (String table : List.of("parquet/api_calls", "parquet/audit_events")) {
      assertThat(rows(dir.resolve("p4").resolve(table))).isEqualTo(rows(dir.resolve("p1").resolve(table)));
    }
    assertThat(lines(dir.resolve("p4/quarantine")).stream().sorted().toList())
        .isEqualTo(lines(dir.resolve("p1/quarantine")).stream().sorted().toList());
  }

  /** Every row of a table as text, sorted, with the partition it sits in. */
  static List<String> rows(Path table) throws IOException {
    List<String> rows = new ArrayList<>();
    for (Path file : parquetFiles(table)) {
      for (GenericRecord r : read(file)) {
        rows.add(file.getParent().getFileName() + " " + r);
      }
    }
    rows.sort(null);
    return rows;
  }

  static List<GenericRecord> readTable(Path table) throws IOException {
    List<GenericRecord> all = new ArrayList<>();
    for (Path file : parquetFiles(table)) {
      all.addAll(read(file));
    }
    return all;
  }

  static List<Path> parquetFiles(Path table) throws IOException {
    try (Stream<Path> walk = Files.walk(table)) {
      return walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  static List<GenericRecord> read(Path file) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))
        .withDataModel(GenericData.get()).build()) {
      for (GenericRecord r; (r = reader.read()) != null; ) {
        out.add(r);
      }
    }
    return out;
  }

  static List<String> partitions(Path table) throws IOException {
    try (Stream<Path> list = Files.list(table)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static List<String> lines(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
        out.addAll(Files.readAllLines(p));
      }
    }
    return out;
  }

  /** Every output file's bytes as text (Parquet pages are SNAPPY, so the tables are decoded instead). */
  static String allOutputText(Path out) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (p.toString().endsWith(".parquet")) {
          read(p).forEach(r -> text.append(r).append('\n'));
        } else {
          text.append(Files.readString(p)).append('\n');
        }
      }
    }
    return text.toString();
  }
}
