package io.trailtailor.flink.cli;

import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.MAX_DELAY;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.auditKeysOf;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.batches;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.clusters;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.deliver;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.eventIds;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.finishedParquet;
import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.inputArgs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.OutputTables;
import io.trailtailor.flink.cli.MonitorKillAndResumeITCase.Scenario;
import io.trailtailor.flink.monitor.RestorePoint;
import io.trailtailor.flink.monitor.RestorePoints;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor} rescaled between two runs, as a user does it: a run with {@code --parallelism 1} reads the files
 * that arrive and, after a completed checkpoint, stops on SIGTERM with a savepoint; more files arrive while it is
 * stopped; a restart with {@code --parallelism 2} and the same {@code --checkpoints} resumes from that savepoint
 * (keyed state redistributed over twice the subtasks, the file source's splits and enumerator too), reads those and
 * the last files, and SIGTERM with {@code --drain} ends it. Every eventId and audit event is then in the finished
 * Parquet exactly once, nothing under {@code --out} is left hidden or in progress, {@code policies/} is what
 * {@code analyze} writes from the same files, and the two savepoints hold the same operators at parallelism 1 and 2
 * with the same max parallelism (128, Flink's default for both, which is why no wiring had to fix it).
 */
class MonitorRescaleITCase {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void resumesASavepointAtTwiceTheParallelismWithEveryRecordExactlyOnce() throws Exception {
        // the earliest files of each source, in delivery batches, and what analyze keeps from them
        Scenario scenario = Scenario.of(dir);
        List<String> clusters = scenario.clusters();
        Path staging = scenario.staging();
        List<List<Path>> batches = scenario.batches();
        Path reference = scenario.reference();
        List<String> expectedCalls = scenario.expectedCalls();
        List<String> expectedAudit = scenario.expectedAudit();
        Map<String, String> expectedPolicies = OutputTables.textFiles(reference.resolve("policies"));
        assertThat(expectedCalls).hasSizeGreaterThan(20).doesNotHaveDuplicates();
        assertThat(expectedAudit).isNotEmpty().doesNotHaveDuplicates();
        assertThat(expectedPolicies).isNotEmpty();

        Path watch = dir.resolve("watch");
        Files.createDirectories(watch.resolve("cloudtrail"));
        for (String c : clusters) {
            Files.createDirectories(watch.resolve("eks-audit").resolve(c));
        }
        Path out = dir.resolve("out");
        Path checkpoints = dir.resolve("checkpoints");
        // MonitorProcess names the command itself
        List<String> inputs = inputArgs("monitor", watch, clusters, out, List.of());
        List<String> common = new ArrayList<>(inputs.subList(1, inputs.size()));
        common.addAll(List.of(
                "--checkpoints",
                checkpoints.toString(),
                "--checkpoint-interval",
                "1s",
                "--discovery-interval",
                "300ms",
                "--max-delay",
                MAX_DELAY.toSeconds() + "s"));

        // run 1, one subtask each: the first two deliveries, read whole and checkpointed, then SIGTERM: a savepoint
        List<String> run1Args = new ArrayList<>(common);
        run1Args.addAll(List.of("--parallelism", "1"));
        RestorePoint savepoint;
        try (MonitorProcess run1 = MonitorProcess.start(run1Args, Map.of(), dir, dir.resolve("run1.log"))) {
            deliver(staging, watch, batches.get(0));
            deliver(staging, watch, batches.get(1));
            awaitStatus(
                    run1,
                    "a completed checkpoint after every file of the first two deliveries was read",
                    out,
                    null,
                    batches.subList(0, 2));
            run1.stopAndExpectZero(WAIT);
            assertThat(run1.log())
                    .contains("started with no earlier checkpoint", "stopping with a savepoint", "monitor stopped");
            savepoint = RestorePoints.newest(checkpoints).orElseThrow();
            assertThat(savepoint.savepoint()).as(savepoint.toString()).isTrue();
        }

        // stopped: more files arrive
        deliver(staging, watch, batches.get(2));

        // run 2, two subtasks each, from run 1's savepoint: what came while stopped and the last file, then the drain
        List<String> run2Args = new ArrayList<>(common);
        run2Args.addAll(List.of("--parallelism", "2", "--drain"));
        try (MonitorProcess run2 = MonitorProcess.start(run2Args, Map.of(), dir, dir.resolve("run2.log"))) {
            deliver(staging, watch, batches.get(3));
            awaitStatus(
                    run2,
                    "a checkpoint of the resumed run after the files of the last two deliveries were read",
                    out,
                    savepoint.dir(),
                    batches.subList(2, 4));
            run2.stopAndExpectZero(WAIT);
            assertThat(run2.log())
                    .contains("resumed from savepoint " + savepoint.dir(), "after draining", "drained and stopped");
        }

        assertThat(finishedParquet(out.resolve("parquet/late/api_calls")))
                .as("no call arrived behind its watermark")
                .isEmpty();
        assertThat(eventIds(out)).as("every eventId exactly once").hasSameSizeAs(expectedCalls);
        assertThat(eventIds(out)).containsExactlyInAnyOrderElementsOf(expectedCalls);
        assertThat(auditKeysOf(out)).as("every audit event exactly once").hasSameSizeAs(expectedAudit);
        assertThat(auditKeysOf(out)).containsExactlyInAnyOrderElementsOf(expectedAudit);
        assertThat(visibleOrUnfinished(out))
                .as("nothing hidden, temporary or in progress under --out")
                .noneMatch(p -> p.contains("/.") || p.startsWith("."))
                .noneMatch(p -> p.endsWith(".tmp") || p.endsWith(".inprogress"));
        Map<String, String> policies = OutputTables.textFiles(out.resolve("policies"));
        assertThat(policies.keySet())
                .as("policies/ after the drain, as analyze writes them")
                .containsExactlyElementsOf(expectedPolicies.keySet());
        expectedPolicies.forEach((name, text) ->
                assertThat(policies.get(name)).as("policies/" + name).isEqualTo(text));
        JsonNode status = status(out);
        assertThat(status.path("state").asText()).isEqualTo("drained");
        assertThat(status.path("restoredFrom").asText()).isEqualTo(savepoint.dir());

        // the two savepoints hold the same operators: one subtask each in run 1's, two in the drain's, with the key
        // groups of run 1 (max parallelism) kept
        RestorePoint drained = RestorePoints.newest(checkpoints).orElseThrow();
        assertThat(drained.savepoint()).isTrue();
        assertThat(drained.dir()).isNotEqualTo(savepoint.dir());
        Map<OperatorID, OperatorState> before = operators(savepoint);
        Map<OperatorID, OperatorState> after = operators(drained);
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
        assertThat(before.values()).extracting(OperatorState::getParallelism).containsOnly(1);
        assertThat(after.values()).extracting(OperatorState::getParallelism).containsOnly(2);
        before.forEach((id, state) -> assertThat(after.get(id).getMaxParallelism())
                .as("max parallelism of " + id)
                .isEqualTo(state.getMaxParallelism()));
    }

    /**
     * Waits for {@code status.json} written at a checkpoint of the run restored from {@code restoredFrom} (null: of a
     * fresh start) once that run had read exactly the log files of {@code deliveries}: their CloudTrail files (not the
     * digests) and audit files (not the marker CloudWatch writes beside an export), each counted when read to its end.
     */
    static void awaitStatus(
            MonitorProcess monitor, String what, Path out, String restoredFrom, List<List<Path>> deliveries)
            throws Exception {
        List<Path> files = deliveries.stream().flatMap(List::stream).toList();
        long trailFiles = files.stream()
                .filter(f -> f.toString().contains("/CloudTrail/"))
                .count();
        long auditFiles = files.stream()
                .filter(f ->
                        f.toString().contains("/eks-audit/") && f.toString().endsWith(".gz"))
                .count();
        try {
            monitor.await(what, WAIT, () -> {
                JsonNode status = status(out);
                return status != null
                        && status.path("state").asText().equals("running")
                        && (restoredFrom == null
                                ? status.path("restoredFrom").isNull()
                                : status.path("restoredFrom").asText().equals(restoredFrom))
                        && !status.path("checkpoint").path("id").isNull()
                        && status.path("sources")
                                        .path("cloudtrail")
                                        .path("files")
                                        .asLong()
                                == trailFiles
                        && status.path("sources").path("k8sAudit").path("files").asLong() == auditFiles;
            });
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "\n" + trailFiles + " CloudTrail and " + auditFiles
                            + " audit files expected; status.json: " + status(out),
                    e);
        }
    }

    /** The operators a local savepoint holds state for, read from its {@code _metadata} as Flink restores it. */
    static Map<OperatorID, OperatorState> operators(RestorePoint savepoint) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(Path.of(savepoint.dir(), "_metadata")))) {
            return Checkpoints.loadCheckpointMetadata(in, MonitorRescaleITCase.class.getClassLoader(), savepoint.dir())
                    .getOperatorStates()
                    .stream()
                    .collect(Collectors.toMap(OperatorState::getOperatorID, s -> s));
        }
    }

    static JsonNode status(Path out) {
        try {
            Path file = out.resolve("status.json");
            return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
        } catch (IOException e) {
            return null; // replaced whole by a rename: read again at the next poll
        }
    }

    /** Every file under {@code out}, relative, but the manifest and the scratch parts the driver keeps there. */
    static List<String> visibleOrUnfinished(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> out.relativize(p).toString())
                    .filter(p -> !p.equals(".trailtailor-manifest.json") && !p.startsWith(".work/"))
                    .sorted()
                    .toList();
        }
    }
}
