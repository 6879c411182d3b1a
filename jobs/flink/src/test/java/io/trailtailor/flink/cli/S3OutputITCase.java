package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.analyze.AnalyzeRunner;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.input.LoopbackS3;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.UnusableOutput;
import io.trailtailor.synthetic.Generator;
import io.trailtailor.synthetic.GeneratorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code analyze --out s3://bucket/prefix} against a real S3 API (s3proxy on loopback): the run publishes exactly
 * what a local run writes, the manifest last; a second run to the same prefix retires the first run's objects it did
 * not write again and leaves others' objects alone; a run that fails publishes nothing; an object nobody's manifest
 * lists where a run would write stops the run before anything is read.
 */
class S3OutputITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(2);

    @TempDir
    static Path dir;

    static LoopbackS3 s3;
    static S3Client client;
    static Path input;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LoopbackS3(dir.resolve("s3"));
        s3.createBucket("reports");
        client = s3.settings().client();
        input = dir.resolve("input");
        Generator.generate(
                new GeneratorOptions("tiny", 2_000, 1, 11, Instant.parse("2026-11-01T00:00:00Z"), false), input, null);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        s3.close();
    }

    private static AnalyzeOptions options(String out, boolean withAudit) throws Exception {
        AnalyzeOptions demo = DemoCommand.analyzeOptions(input, dir.resolve("unused"), 2);
        return TestAnalysis.options(Path.of("unused"), k -> {
                    k.cloudTrail = demo.cloudTrail();
                    k.k8sAudit = withAudit ? demo.k8sAudit() : List.of();
                    k.clusterOidcIssuers = demo.clusterOidcIssuers();
                    k.iamSnapshots = demo.iamSnapshots();
                    k.clusterSnapshots = demo.clusterSnapshots();
                    k.findings = demo.findings();
                    k.s3 = s3.settings();
                })
                .withOut(out);
    }

    @Test
    void publishesWhatALocalRunWritesManifestLastAndRetiresTheLastRunsObjects() throws Exception {
        Path local = dir.resolve("local");
        TestAnalysis.run(options(local.toString(), true));
        s3.put("reports", "runs/a/notes/readme.txt", "someone else's".getBytes(StandardCharsets.UTF_8));

        AnalyzeRunner.Outcome first = TestAnalysis.run(options("s3://reports/runs/a", true));
        assertThat(first.summaryFile()).isEqualTo("s3://reports/runs/a/summary.json");

        Map<String, String> published = objects("runs/a/");
        Map<String, String> written = files(local);
        // every file but Parquet parts (their names carry a random id) is published byte for byte
        assertThat(withoutParquet(published))
                .containsAllEntriesOf(withoutSummary(withoutParquet(written)))
                .containsKeys("summary.json", "findings.json", "report.html", "athena/api_calls.sql")
                .containsEntry("notes/readme.txt", "someone else's");
        assertThat(parquetTables(published.keySet())).isEqualTo(parquetTables(written.keySet()));
        JsonNode summary = new ObjectMapper().readTree(published.get("summary.json"));
        JsonNode localSummary = new ObjectMapper().readTree(written.get("summary.json"));
        for (String field : List.of("input", "sessions", "calls", "workloads", "roles", "policies", "findings")) {
            assertThat(summary.get(field)).as(field).isEqualTo(localSummary.get(field));
        }
        assertThat(published.get("athena/api_calls.sql")).contains("LOCATION 's3://reports/runs/a/parquet/api_calls");
        JsonNode manifest = new ObjectMapper().readTree(published.get(".trailtailor-manifest.json"));
        assertThat(manifest.path("complete").asBoolean()).isTrue();
        List<String> listed = new ObjectMapper().convertValue(manifest.path("files"), List.class);
        Map<String, String> ours = new TreeMap<>(published);
        ours.remove(".trailtailor-manifest.json");
        ours.remove("notes/readme.txt");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ours.keySet());
        assertThat(listed).noneMatch(k -> k.startsWith(".work"));

        // the second run reads no audit log: the RBAC files and audit tables of the first run are retired
        TestAnalysis.run(options("s3://reports/runs/a", false));
        Map<String, String> second = objects("runs/a/");
        assertThat(first(published, "rbac/")).isNotEmpty();
        assertThat(first(second, "rbac/")).isEmpty();
        assertThat(first(second, "parquet/audit_events/")).isEmpty();
        assertThat(first(second, "parquet/api_calls/")).isNotEmpty();
        assertThat(second).containsEntry("notes/readme.txt", "someone else's");
        List<String> secondListed = new ObjectMapper()
                .convertValue(
                        new ObjectMapper()
                                .readTree(second.get(".trailtailor-manifest.json"))
                                .path("files"),
                        List.class);
        assertThat(second.keySet())
                .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                secondListed.stream(), Stream.of(".trailtailor-manifest.json", "notes/readme.txt"))
                        .toList());
    }

    @Test
    void aRunThatFailsPublishesNothing() throws Exception {
        AnalyzeOptions missingInput = options("s3://reports/runs/failed", true);
        AnalyzeOptions broken = TestAnalysis.options(Path.of("unused"), k -> {
                    k.cloudTrail = List.of(input.resolve("no-such-directory").toString());
                    k.s3 = s3.settings();
                })
                .withOut(missingInput.out());
        assertThatThrownBy(() -> TestAnalysis.run(broken)).isInstanceOf(InputLister.InputUnavailable.class);
        assertThat(objects("runs/failed/")).isEmpty();
    }

    @Test
    void refusesAPrefixHoldingASummaryNoManifestLists() throws Exception {
        s3.put("reports", "runs/foreign/summary.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TestAnalysis.run(options("s3://reports/runs/foreign", true)))
                .isInstanceOf(UnusableOutput.class)
                .hasMessageContaining("--out holds summary.json, which no trailtailor manifest lists");
        assertThat(objects("runs/foreign/")).containsOnlyKeys("summary.json");
    }

    private static Map<String, String> objects(String prefix) {
        Map<String, String> objects = new TreeMap<>();
        for (S3Object o : client.listObjectsV2Paginator(ListObjectsV2Request.builder()
                        .bucket("reports")
                        .prefix(prefix)
                        .build())
                .contents()) {
            if (o.key().endsWith("/")) {
                continue; // a directory marker (s3proxy's file-system store lists its directories so)
            }
            objects.put(
                    o.key().substring(prefix.length()),
                    new String(
                            client.getObjectAsBytes(GetObjectRequest.builder()
                                            .bucket("reports")
                                            .key(o.key())
                                            .build())
                                    .asByteArray(),
                            StandardCharsets.UTF_8));
        }
        return objects;
    }

    private static Map<String, String> files(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static Map<String, String> withoutParquet(Map<String, String> files) {
        Map<String, String> rest = new TreeMap<>(files);
        rest.keySet().removeIf(k -> k.startsWith("parquet/") || k.startsWith("quarantine/") || k.startsWith("."));
        return rest;
    }

    private static Map<String, String> withoutSummary(Map<String, String> files) {
        Map<String, String> rest = new TreeMap<>(files);
        // these carry the run's own time (summary, findings' detectedAt, the report) or its --out (athena DDL)
        rest.keySet()
                .removeIf(k -> k.equals("summary.json")
                        || k.startsWith("athena/")
                        || k.startsWith("findings")
                        || k.startsWith("report."));
        return rest;
    }

    /** Parquet part files per table and day partition. */
    private static Map<String, Long> parquetTables(java.util.Set<String> keys) {
        Map<String, Long> tables = new TreeMap<>();
        for (String k : keys) {
            if (k.startsWith("parquet/") && !k.substring(k.lastIndexOf('/') + 1).startsWith(".")) {
                tables.merge(k.substring(0, k.lastIndexOf('/')), 1L, Long::sum);
            }
        }
        return tables;
    }

    private static List<String> first(Map<String, String> objects, String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }
}
