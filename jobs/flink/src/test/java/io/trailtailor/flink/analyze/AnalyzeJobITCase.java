package io.trailtailor.flink.analyze;

import static io.trailtailor.flink.OutputTables.allOutputText;
import static io.trailtailor.flink.OutputTables.lines;
import static io.trailtailor.flink.OutputTables.partitions;
import static io.trailtailor.flink.OutputTables.readTable;
import static io.trailtailor.flink.OutputTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.TestInputs;
import io.trailtailor.flink.options.AnalyzeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class AnalyzeJobITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(4);

    @TempDir
    Path dir;

    static AnalyzeOptions options(Path in, Path out, int parallelism) {
        return TestAnalysis.options(out, k -> {
            k.cloudTrail = List.of(in.resolve("cloudtrail").toString());
            k.k8sAudit = List.of(
                    "prod-east=" + in.resolve("audit/apiserver"),
                    in.resolve("audit/firehose").toString());
            k.parallelism = parallelism;
        });
    }

    @Test
    void readsEveryLayoutAndAccountsForEveryRecord() throws Exception {
        TestInputs.Expected expected = TestInputs.writeMixed(dir.resolve("in"));
        writeRecordAtInstantLimit(dir.resolve("in/cloudtrail/exports/instant-limit.jsonl"));
        Path out = dir.resolve("out");

        Summary summary = TestAnalysis.run(options(dir.resolve("in"), out, 2)).summary();

        assertThat(summary.input("cloudtrailFiles")).isEqualTo(expected.cloudtrailFiles() + 1);
        assertThat(summary.input("cloudtrailRecords")).isEqualTo(expected.cloudtrailRecords() + 2);
        assertThat(summary.input("auditFiles")).isEqualTo(expected.auditFiles());
        assertThat(summary.input("auditEvents")).isEqualTo(expected.auditEvents());
        assertThat(summary.input("duplicates")).isEqualTo(expected.duplicates());
        assertThat(summary.input("quarantined")).isEqualTo(expected.quarantined() + 1);
        assertThat(summary.input("skippedFiles")).isEqualTo(expected.skippedFiles());
        assertThat(summary.input("recordsRead"))
                .as("records read = kept + duplicates + quarantined records + skipped records")
                .isEqualTo(summary.input("cloudtrailRecords")
                        + summary.input("auditEvents")
                        + summary.input("duplicates")
                        + summary.input("quarantinedRecords")
                        + summary.input("skippedRecords"));
        assertThat(summary.json().path("calls").path("denied").asLong()).isEqualTo(1);
        assertThat(summary.json().path("window").path("from").asText()).isEqualTo("2017-12-11T15:01:51Z");

        List<GenericRecord> calls = readTable(out.resolve("parquet/api_calls"));
        assertThat(calls).hasSize((int) expected.cloudtrailRecords() + 2);
        assertThat(calls)
                .extracting(r -> r.get("eventId").toString())
                .contains("00000000-instant-limit-before", "00000002-instant-limit-after");
        assertThat(calls).extracting(r -> r.get("eventId").toString()).doesNotHaveDuplicates();
        assertThat(partitions(out.resolve("parquet/api_calls")))
                .contains("dt=2024-04-16", "dt=2017-12-11", "dt=2023-12-13");
        List<GenericRecord> events = readTable(out.resolve("parquet/audit_events"));
        assertThat(events).extracting(r -> r.get("cluster").toString()).containsOnly("prod-east");

        List<String> quarantine = lines(out.resolve("quarantine"));
        assertThat(quarantine).hasSize((int) expected.quarantined() + 1);
        assertThat(String.join("\n", quarantine))
                .contains(
                        "CloudTrail record without eventSource",
                        "not a JSON object",
                        "empty file",
                        "eventTime out of range: +1000000000-01-01T00:00:00Z");
        assertThat(allOutputText(out)).doesNotContain("SECRET").doesNotContain("hunter2");
    }

    /**
     * Three JSON lines; the middle record's time is valid ISO-8601 but beyond what epoch milliseconds hold, and the
     * last one's session creation date is {@code Instant.MAX}: only the middle record may be lost, and only to
     * quarantine.
     */
    private static void writeRecordAtInstantLimit(Path file) throws IOException {
        JsonNode template = new ObjectMapper()
                .readTree(TestInputs.fixture("cloudtrail-array.json"))
                .get(0);
        StringBuilder lines = new StringBuilder();
        String[] ids = {"00000000-instant-limit-before", "00000001-instant-limit", "00000002-instant-limit-after"};
        for (String id : ids) {
            ObjectNode record = template.deepCopy();
            record.put("eventID", id);
            if (id.endsWith("limit")) {
                record.put("eventTime", "+1000000000-01-01T00:00:00Z");
            }
            if (id.endsWith("after")) {
                ((ObjectNode) record.at("/userIdentity/sessionContext/attributes"))
                        .put("creationDate", "+1000000000-12-31T23:59:59.999999999Z");
            }
            lines.append(record).append('\n');
        }
        TestInputs.write(file, lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheSameTablesAtParallelismOneAndFour() throws Exception {
        TestInputs.writeMixed(dir.resolve("in"));

        TestAnalysis.run(options(dir.resolve("in"), dir.resolve("p1"), 1));
        TestAnalysis.run(options(dir.resolve("in"), dir.resolve("p4"), 4));

        for (String table : List.of("parquet/api_calls", "parquet/audit_events")) {
            assertThat(rows(dir.resolve("p4").resolve(table)))
                    .isEqualTo(rows(dir.resolve("p1").resolve(table)));
        }
        assertThat(lines(dir.resolve("p4/quarantine")).stream().sorted().toList())
                .isEqualTo(lines(dir.resolve("p1/quarantine")).stream().sorted().toList());
    }
}
