package io.trailtailor.flink.cli;

import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.auditKeysOf;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.batches;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.clusters;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.deliver;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.eventIds;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.inputArgs;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.passedByWatermark;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.cli.MonitorKillAndResumeITCase.Scenario;
import io.trailtailor.flink.input.LoopbackS3;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.monitor.StableJobId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code monitor --out s3://bucket/prefix --checkpoints s3://bucket/other} against a real S3 API (s3proxy on loopback,
 * checkpoints and savepoints through Flink's S3 file system), in its own JVM, over a local
 * directory that receives files while it runs: Parquet and {@code status.json} appear on S3 while it runs; SIGTERM
 * stops with a savepoint (exit 0); a restart resumes, more files arrive, and SIGTERM with {@code --drain} ends it.
 * Every eventId and audit event that {@code analyze} keeps from the same files is then in the Parquet objects exactly
 * once, nothing went to {@code parquet/late/}, and no object under the prefix is hidden or temporary.
 */
@Timeout(900)
class MonitorS3OutputITCase {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(300);
    static final String BUCKET = "live";
    static final String PREFIX = "monitor/";
    static final String CHECKPOINTS = "checkpoints";

    @TempDir
    Path dir;

    Process running;

    @AfterEach
    void noProcessLeftBehind() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
            running.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void writesToS3WhileRunningAndResumesWithEveryRecordExactlyOnce() throws Exception {
        try (LoopbackS3 s3 = new LoopbackS3(dir.resolve("s3"));
                S3Client client = s3.settings().client()) {
            s3.createBucket(BUCKET);
            // the earliest files of each source, in delivery batches, and what analyze keeps from them
            Scenario scenario = Scenario.of(dir);
            List<String> clusters = scenario.clusters();
            Path staging = scenario.staging();
            List<List<Path>> batches = scenario.batches();
            Path reference = scenario.reference();
            List<String> expectedCalls = scenario.expectedCalls();
            List<String> expectedAudit = scenario.expectedAudit();
            assertThat(expectedCalls).hasSizeGreaterThan(20).doesNotHaveDuplicates();

            Path watch = dir.resolve("watch");
            Files.createDirectories(watch.resolve("cloudtrail"));
            for (String c : clusters) {
                Files.createDirectories(watch.resolve("eks-audit").resolve(c));
            }
            List<String> args =
                    new ArrayList<>(inputArgs("monitor", watch, clusters, dir.resolve("unused"), List.of()));
            args.set(args.indexOf("--out") + 1, "s3://" + BUCKET + "/" + PREFIX.substring(0, PREFIX.length() - 1));
            S3Settings settings = s3.settings();
            args.addAll(List.of(
                    "--s3-endpoint",
                    settings.endpoint(),
                    "--s3-path-style",
                    "--s3-region",
                    settings.region(),
                    "--checkpoints",
                    "s3://" + BUCKET + "/" + CHECKPOINTS,
                    "--checkpoint-interval",
                    "1s",
                    "--discovery-interval",
                    "300ms",
                    "--max-delay",
                    MonitorKillAndResumeITCase.MAX_DELAY.toSeconds() + "s",
                    "--parallelism",
                    "1"));

            // run 1: files arrive, Parquet and status.json appear on S3 while it runs, then SIGTERM
            Path log1 = dir.resolve("run1.log");
            running = start(args, settings, log1);
            deliver(staging, watch, batches.get(0));
            deliver(staging, watch, batches.get(1));
            List<String> upToRun1 = passedByWatermark(reference, staging, batches.subList(0, 2));
            assertThat(upToRun1).isNotEmpty();
            await(
                    "the calls the watermark passed, as Parquet on S3",
                    log1,
                    () -> new HashSet<>(calls(client)).containsAll(upToRun1));
            await("status.json on S3", log1, () -> status(client) != null);
            // a completed checkpoint is there while it runs (Flink removes them when the job stops with a savepoint)
            String jobDir = CHECKPOINTS + "/" + StableJobId.of("s3://" + BUCKET + "/" + CHECKPOINTS) + "/";
            await(
                    "a completed checkpoint on S3",
                    log1,
                    () -> objects(client, jobDir).stream().anyMatch(k -> k.matches(".*/chk-\\d+/_metadata")));
            assertThat(status(client).path("checkpoint").path("path").asText())
                    .startsWith("s3://" + BUCKET + "/" + jobDir);
            stopAndExpectZero(log1);
            assertThat(status(client).path("state").asText()).isEqualTo("stopped");
            assertThat(objects(client, CHECKPOINTS + "/savepoint-"))
                    .as("the SIGTERM savepoint on S3")
                    .filteredOn(k -> k.endsWith("/_metadata"))
                    .hasSize(1);

            // run 2: resumes from the savepoint, the rest arrives, SIGTERM with --drain ends it for good
            List<String> drainArgs = new ArrayList<>(args);
            drainArgs.add("--drain");
            Path log2 = dir.resolve("run2.log");
            running = start(drainArgs, settings, log2);
            deliver(staging, watch, batches.get(2));
            deliver(staging, watch, batches.get(3));
            List<String> beforeDrain = passedByWatermark(reference, staging, batches);
            await("every call the watermark passed", log2, () -> new HashSet<>(calls(client)).containsAll(beforeDrain));
            stopAndExpectZero(log2);
            assertThat(Files.readString(log2))
                    .contains("resumed from savepoint s3://" + BUCKET + "/" + CHECKPOINTS + "/savepoint-")
                    .contains("drained and stopped");

            assertThat(calls(client)).as("every eventId exactly once").hasSameSizeAs(expectedCalls);
            assertThat(calls(client)).containsExactlyInAnyOrderElementsOf(expectedCalls);
            assertThat(auditKeysOf(download(client, "parquet/audit_events/")))
                    .containsExactlyInAnyOrderElementsOf(expectedAudit);
            List<String> keys = keys(client, "");
            assertThat(keys).noneMatch(k -> k.startsWith(PREFIX + "parquet/late/"));
            assertThat(keys)
                    .as("nothing hidden, temporary or half-written")
                    .noneMatch(k -> k.contains("/.") && !k.startsWith(PREFIX + ".work/"))
                    .noneMatch(k -> k.endsWith(".tmp") || k.endsWith(".inprogress"));
            assertThat(keys).contains(PREFIX + "workloads.json");
            JsonNode status = status(client);
            assertThat(status.path("state").asText()).isEqualTo("drained");
            assertThat(status.path("restoredFrom").asText())
                    .startsWith("s3://" + BUCKET + "/" + CHECKPOINTS + "/savepoint-");
            assertThat(objects(client, CHECKPOINTS + "/savepoint-"))
                    .as("run 1's savepoint and the drain's")
                    .filteredOn(k -> k.endsWith("/_metadata"))
                    .hasSize(2);
        }
    }

    // ---- the child process

    Process start(List<String> args, S3Settings settings, Path log) throws IOException {
        // s3proxy's throwaway keys, as the CLI takes test keys: from the environment, never from an argument
        return MonitorProcess.cli(
                        args,
                        Map.of(
                                "TRAILTAILOR_S3_TEST_ACCESS_KEY", settings.testAccessKey(),
                                "TRAILTAILOR_S3_TEST_SECRET_KEY", settings.testSecretKey()),
                        dir,
                        log)
                .start();
    }

    void stopAndExpectZero(Path log) throws Exception {
        running.destroy(); // SIGTERM
        boolean ended = running.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(ended).as(Files.readString(log)).isTrue();
        assertThat(running.exitValue()).as(Files.readString(log)).isZero();
    }

    void await(String what, Path log, BooleanSupplier condition) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (!running.isAlive()) {
                throw new AssertionError("monitor ended (exit " + running.exitValue() + ") before " + what + ":\n"
                        + Files.readString(log));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within " + WAIT + ":\n" + Files.readString(log));
            }
            Thread.sleep(300);
        }
    }

    // ---- what is on S3

    List<String> keys(S3Client client, String under) {
        return client
                .listObjectsV2Paginator(ListObjectsV2Request.builder()
                        .bucket(BUCKET)
                        .prefix(PREFIX + under)
                        .build())
                .contents()
                .stream()
                .map(S3Object::key)
                .filter(k -> !k.endsWith("/")) // the "directory markers" S3A keeps
                .sorted()
                .toList();
    }

    /** Every object key under {@code prefix} in the bucket, directory markers left out. */
    List<String> objects(S3Client client, String prefix) {
        return client
                .listObjectsV2Paginator(ListObjectsV2Request.builder()
                        .bucket(BUCKET)
                        .prefix(prefix)
                        .build())
                .contents()
                .stream()
                .map(S3Object::key)
                .filter(k -> !k.endsWith("/"))
                .sorted()
                .toList();
    }

    /** The Parquet objects of a table, downloaded under a fresh local directory laid out as {@code --out}. */
    Path download(S3Client client, String table) {
        try {
            Path local = Files.createTempDirectory(dir, "s3-copy");
            for (String key : keys(client, table)) {
                Path file = local.resolve(key.substring(PREFIX.length()));
                Files.createDirectories(file.getParent());
                client.getObject(
                        GetObjectRequest.builder().bucket(BUCKET).key(key).build(), ResponseTransformer.toFile(file));
            }
            return local;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<String> calls(S3Client client) {
        return eventIds(download(client, "parquet/api_calls/"));
    }

    JsonNode status(S3Client client) {
        try {
            return JSON.readTree(client.getObjectAsBytes(GetObjectRequest.builder()
                            .bucket(BUCKET)
                            .key(PREFIX + "status.json")
                            .build())
                    .asByteArray());
        } catch (NoSuchKeyException absent) {
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
