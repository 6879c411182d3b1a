package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.OutputTables;
import io.trailtailor.flink.monitor.RestorePoints;
import io.trailtailor.flink.monitor.StableJobId;
import io.trailtailor.synthetic.Generator;
import io.trailtailor.synthetic.GeneratorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor} as a user runs it, in its own JVM, over a directory that receives generated CloudTrail and EKS
 * audit files while it runs: Parquet appears while it runs; a {@code kill -9} after the first completed checkpoint
 * (with more files arriving just before it) and a restart with the same {@code --checkpoints} lose nothing and repeat
 * nothing; SIGTERM stops with a savepoint (exit 0) that the next start resumes from; a last run with {@code --drain}
 * stops for good. Every eventId and audit event is then in the finished Parquet files exactly once, and they are
 * exactly the ones {@code analyze} keeps from the same files.
 */
@Timeout(1500)
class MonitorKillAndResumeITCase {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(420);
    /**
     * The default: a generated CloudTrail file holds calls of about ten minutes in no order, as real ones do, so a
     * shorter delay would send some of every file to {@code parquet/late/} and "every eventId once" could not hold.
     */
    static final Duration MAX_DELAY = Duration.ofMinutes(15);

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
    void survivesKillNineAndResumesWithEveryRecordExactlyOnce() throws Exception {
        // the earliest files of each source, in delivery batches, and what analyze keeps from them
        Scenario scenario = Scenario.of(dir);
        List<String> clusters = scenario.clusters();
        Path staging = scenario.staging();
        List<List<Path>> batches = scenario.batches();
        Path reference = scenario.reference();
        List<String> expectedCalls = scenario.expectedCalls();
        List<String> expectedAudit = scenario.expectedAudit();
        assertThat(expectedCalls).hasSizeGreaterThan(20).doesNotHaveDuplicates();
        assertThat(expectedAudit).isNotEmpty().doesNotHaveDuplicates();

        Path watch = dir.resolve("watch");
        Files.createDirectories(watch.resolve("cloudtrail"));
        for (String c : clusters) {
            Files.createDirectories(watch.resolve("eks-audit").resolve(c));
        }
        Path out = dir.resolve("out");
        Path checkpoints = dir.resolve("checkpoints");
        Path jobDir = checkpoints.resolve(StableJobId.of(checkpoints).toString());
        List<String> monitorArgs = new ArrayList<>(inputArgs("monitor", watch, clusters, out, List.of()));
        monitorArgs.addAll(List.of(
                "--checkpoints",
                checkpoints.toString(),
                "--checkpoint-interval",
                "1s",
                "--discovery-interval",
                "300ms",
                "--max-delay",
                MAX_DELAY.toSeconds() + "s",
                // one reader: the watermark is the newest event seen − max delay (no reader idling it back)
                "--parallelism",
                "1"));

        // run 1: files arrive, Parquet is committed while running, then kill -9 just after more files arrived
        Path log1 = dir.resolve("run1.log");
        running = start(monitorArgs, log1);
        deliver(staging, watch, batches.get(0));
        await(
                "finished Parquet while running",
                log1,
                () -> !finishedParquet(out.resolve("parquet/api_calls")).isEmpty());
        long firstCheckpoint = awaitCheckpoint(jobDir, log1, -1);
        await("status.json after a completed checkpoint", log1, () -> Files.isRegularFile(out.resolve("status.json")));
        deliver(staging, watch, batches.get(1));
        awaitCheckpoint(jobDir, log1, firstCheckpoint);
        running.destroyForcibly(); // SIGKILL: no savepoint, no cleanup
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log1)).contains("started with no earlier checkpoint");

        // run 2: resumes from the newest checkpoint, reads what is left and what comes, stops on SIGTERM
        Path log2 = dir.resolve("run2.log");
        running = start(monitorArgs, log2);
        deliver(staging, watch, batches.get(2));
        List<String> upToRun2 = passedByWatermark(reference, staging, batches.subList(0, 3));
        assertThat(upToRun2).isNotEmpty();
        await(
                "every record of the first three batches the watermark passed",
                log2,
                () -> eventIdSet(out).containsAll(upToRun2));
        stopAndExpectZero(log2);
        String run2 = Files.readString(log2);
        assertThat(run2).contains("resumed from checkpoint", "stopping with a savepoint", "monitor stopped");
        assertThat(RestorePoints.newest(checkpoints).orElseThrow().savepoint()).isTrue();

        // run 3: resumes from the savepoint, the last files arrive, then SIGTERM with --drain ends it for good
        List<String> drainArgs = new ArrayList<>(monitorArgs);
        drainArgs.add("--drain");
        Path log3 = dir.resolve("run3.log");
        running = start(drainArgs, log3);
        deliver(staging, watch, batches.get(3));
        List<String> beforeDrain = passedByWatermark(reference, staging, batches);
        await("every record the watermark passed", log3, () -> eventIdSet(out).containsAll(beforeDrain));
        assertThat(eventIdSet(out))
                .as("the newest calls wait for the watermark until the drain")
                .hasSizeLessThan(expectedCalls.size());
        stopAndExpectZero(log3);
        assertThat(Files.readString(log3)).contains("resumed from savepoint", "after draining", "drained and stopped");

        assertThat(finishedParquet(out.resolve("parquet/late/api_calls")))
                .as("no call arrived behind its watermark")
                .isEmpty();
        assertThat(eventIds(out)).as("every eventId exactly once").hasSameSizeAs(expectedCalls);
        assertThat(eventIds(out)).containsExactlyInAnyOrderElementsOf(expectedCalls);
        assertThat(auditKeys(out)).containsExactlyInAnyOrderElementsOf(expectedAudit);
        JsonNode status = JSON.readTree(out.resolve("status.json").toFile());
        assertThat(status.path("state").asText()).isEqualTo("drained");
        assertThat(status.path("checkpoint").path("savepoint").asBoolean()).isTrue();
        assertThat(status.path("restoredFrom").asText()).contains("savepoint-");
    }

    // ---- the child process

    Process start(List<String> args, Path log) throws IOException {
        return MonitorProcess.cli(args, Map.of(), dir, log).start();
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
            Thread.sleep(200);
        }
    }

    /** Waits for a completed checkpoint newer than {@code after}; returns its id. */
    long awaitCheckpoint(Path jobDir, Path log, long after) throws Exception {
        long[] id = {-1};
        await("a checkpoint after " + after, log, () -> {
            id[0] = RestorePoints.newestCheckpointIn(jobDir).map(p -> p.id()).orElse(-1L);
            return id[0] > after;
        });
        return id[0];
    }

    // ---- input

    /**
     * The input the monitor ITs deliver: generated eks-mixed data (3,000 calls, seed 7), the earliest 16 CloudTrail
     * and 3 audit files of each cluster copied with their layout into {@code staging}, split into delivery batches;
     * and {@code analyze} at parallelism 2 over the same files, the reference for "nothing lost, nothing repeated".
     */
    record Scenario(
            List<String> clusters,
            Path staging,
            List<List<Path>> batches,
            Path reference,
            List<String> expectedCalls,
            List<String> expectedAudit) {

        static Scenario of(Path dir) throws IOException {
            Path all = dir.resolve("generated-all");
            Generator.generate(
                    new GeneratorOptions("eks-mixed", 3000, 1, 7, Instant.parse("2026-11-01T00:00:00Z"), false),
                    all,
                    null);
            List<String> clusters = MonitorKillAndResumeITCase.clusters(all);
            Path staging = dir.resolve("generated");
            List<Path> trail = copy(all, staging, visibleFiles(all.resolve("cloudtrail")), 16);
            List<Path> audit = new ArrayList<>();
            for (String c : clusters) {
                audit.addAll(
                        copy(all, staging, visibleFiles(all.resolve("eks-audit").resolve(c)), 3));
            }
            Path reference = dir.resolve("analyze-out");
            assertThat(Main.execute(inputArgs("analyze", staging, clusters, reference, List.of("--parallelism", "2"))
                            .toArray(String[]::new)))
                    .isZero();
            return new Scenario(
                    clusters,
                    staging,
                    MonitorKillAndResumeITCase.batches(trail, audit),
                    reference,
                    eventIds(reference),
                    auditKeysOf(reference));
        }
    }

    static List<String> inputArgs(String command, Path root, List<String> clusters, Path out, List<String> more)
            throws IOException {
        List<String> args = new ArrayList<>(
                List.of(command, "--cloudtrail", root.resolve("cloudtrail").toString()));
        for (String c : clusters) {
            args.addAll(
                    List.of("--k8s-audit", c + "=" + root.resolve("eks-audit").resolve(c)));
        }
        args.addAll(List.of("--out", out.toString()));
        args.addAll(more);
        return args;
    }

    static List<Path> copy(Path from, Path to, List<Path> files, int first) throws IOException {
        List<Path> copied = new ArrayList<>();
        for (Path f : files.subList(0, Math.min(first, files.size()))) {
            Path target = to.resolve(from.relativize(f));
            Files.createDirectories(target.getParent());
            copied.add(Files.copy(f, target));
        }
        return copied;
    }

    static List<String> clusters(Path staging) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode c :
                JSON.readTree(staging.resolve("truth/manifest.json").toFile()).path("clusters")) {
            if (Files.isDirectory(
                    staging.resolve("eks-audit").resolve(c.path("name").asText()))) {
                names.add(c.path("name").asText());
            }
        }
        return names;
    }

    static List<Path> visibleFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(root.relativize(p).toString().split("/"))
                            .noneMatch(n -> n.startsWith(".") || n.startsWith("_")))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Four deliveries in the order a trail delivers (its files by time: half, a quarter, three and the last one), so
     * that each run has calls the watermark passes and calls it holds. The audit files all come first, sorted by
     * path: the firehose files (the first quarter hour) before the CloudWatch export of the whole day, so no audit
     * event arrives behind its own kind's watermark either.
     */
    static List<List<Path>> batches(List<Path> trail, List<Path> audit) {
        assertThat(trail).hasSize(16);
        List<Path> first = new ArrayList<>(trail.subList(0, 8));
        audit.stream().sorted().forEach(first::add);
        return List.of(first, trail.subList(8, 12), trail.subList(12, 15), trail.subList(15, 16));
    }

    /** Each file lands complete: written under a hidden name, then renamed into place. */
    static void deliver(Path staging, Path watch, List<Path> files) throws IOException {
        for (Path f : files) {
            Path target = watch.resolve(staging.relativize(f));
            Files.createDirectories(target.getParent());
            Path aside = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.copy(f, aside, StandardCopyOption.REPLACE_EXISTING);
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * The eventIds analyze kept from the files of {@code batches} that the watermark has passed once all of them are
     * read: event time before the newest CloudTrail event time among them − max delay (calls have a watermark of
     * their own, whatever the audit events do; the newest wait until the drain).
     */
    static List<String> passedByWatermark(Path reference, Path staging, List<List<Path>> batches) throws IOException {
        Set<String> sources = new HashSet<>();
        batches.forEach(b -> b.forEach(f -> sources.add(staging.relativize(f).toString())));
        List<GenericRecord> kept = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        for (GenericRecord r : OutputTables.readTable(reference.resolve("parquet/api_calls"))) {
            String source = String.valueOf(r.get("sourceFile"));
            if (sources.contains(source.substring(source.indexOf("generated/") + "generated/".length()))) {
                kept.add(r);
                newest = Math.max(newest, eventMillis(r));
            }
        }
        long watermark = newest - MAX_DELAY.toMillis() - 1;
        return kept.stream()
                .filter(r -> eventMillis(r) < watermark)
                .map(r -> String.valueOf(r.get("eventId")))
                .toList();
    }

    static long eventMillis(GenericRecord r) {
        Object t = r.get("eventTime");
        return t instanceof Instant i ? i.toEpochMilli() : ((Number) t).longValue();
    }

    // ---- output

    /** Finished Parquet files only: FileSink's in-progress and pending files start with '.'. */
    static List<Path> finishedParquet(Path table) {
        try {
            return OutputTables.parquetFiles(table).stream()
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<String> eventIds(Path out) {
        List<String> ids = new ArrayList<>();
        for (Path f : finishedParquet(out.resolve("parquet/api_calls"))) {
            try {
                OutputTables.read(f).forEach(r -> ids.add(String.valueOf(r.get("eventId"))));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return ids;
    }

    static Set<String> eventIdSet(Path out) {
        return new HashSet<>(eventIds(out));
    }

    static List<String> auditKeys(Path out) {
        return auditKeysOf(out);
    }

    static List<String> auditKeysOf(Path out) {
        List<String> keys = new ArrayList<>();
        for (Path f : finishedParquet(out.resolve("parquet/audit_events"))) {
            try {
                OutputTables.read(f).forEach(r -> keys.add(r.get("auditId") + "/" + r.get("stage")));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return keys;
    }
}
