package io.trailtailor.flink.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.flink.alerts.AlertOptions;
import io.trailtailor.flink.alerts.AlertStage;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.OutputRoot;
import io.trailtailor.flink.output.WorkloadsFile;
import io.trailtailor.flink.pipeline.TrailPipeline;
import io.trailtailor.flink.policy.PolicyStage;
import io.trailtailor.flink.stream.LogStreams;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs {@code monitor} until it is told to stop: builds the one pipeline over watched inputs on a STREAMING
 * environment (which {@code Engines.streaming} set up to checkpoint into {@code --checkpoints} and to resume from the
 * newest restore point there), then watches the job: a progress line every few seconds, {@code status.json} after
 * every completed checkpoint, and on SIGINT/SIGTERM a stop with a savepoint into {@code --checkpoints} (with
 * {@code --drain}, after the watermark has advanced to the end, so every pending call is flushed).
 */
public final class MonitorRunner {

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(10);

    private MonitorRunner() {}

    /** How the run ended: the savepoint it stopped with (null if the job ended by itself) and its last figures. */
    public record Outcome(String savepoint, boolean drained, MonitorFigures figures, String statusFile) {}

    public static Outcome run(
            MonitorOptions options,
            StreamExecutionEnvironment env,
            Optional<RestorePoint> restoredFrom,
            StopSignals stop,
            PrintStream progress)
            throws Exception {
        Instant started = Instant.now();
        OutputRoot out = OutputRoot.of(options.analyze());
        // the sinks write where the task managers reach --out: s3:// as s3a://, Flink's S3 file system
        AnalyzeOptions sinks = options.analyze().withOut(out.uri());
        // listed inputs, SQS-notified files and Kinesis subscriptions as one stream; per kind watermarks over them all
        LogStreams in = WatermarksPerKind.of(MonitorSources.build(env, options), options.eventTime());
        TrailPipeline.Outputs pipeline = TrailPipeline.build(in, sinks, options.eventTime());
        // alerts/ (exactly once, committed at checkpoints); their counters, MonitorFigures.ALERTS_PREFIX + type,
        // show in the progress line and status.json
        AlertStage.sink(AlertStage.build(pipeline.attribution(), alertOptions(options)), out.uri());

        JobClient job = env.executeAsync("trailtailor monitor");
        String jobDir =
                CheckpointLocation.child(options.checkpoints(), job.getJobID().toString());
        progress.println("monitor: job " + job.getJobID() + " "
                + restoredFrom.map(p -> "resumed from " + p.describe()).orElse("started with no earlier checkpoint")
                + "; checkpoints every " + DurationText.human(options.checkpointInterval()) + " into "
                + options.checkpoints());
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        // a checkpoint of an earlier run is not this run's: status.json is first written at this run's first one
        RestorePoint lastCheckpoint = RestorePoints.newestCheckpointIn(jobDir).orElse(null);
        Instant nextReport = started.plus(PROGRESS_EVERY);
        // a local directory is listed at every poll; an S3 prefix once per checkpoint interval, as LIST and HEAD
        // requests are billed and a new checkpoint cannot come sooner
        Duration listEvery = CheckpointLocation.isS3(options.checkpoints()) ? options.checkpointInterval() : POLL;
        Instant nextListing = started;
        while (true) {
            if (result.isDone()) {
                // a continuous job ends by itself only when it failed past its restart strategy
                JobExecutionResult done = get(result);
                MonitorFigures last = figures(done.getAllAccumulatorResults(), options);
                return new Outcome(
                        null, false, last, writeStatus(out, last, lastCheckpoint, "finished", started, restoredFrom));
            }
            String signal = stop.await(POLL.toMillis());
            if (signal != null) {
                return stop(options, job, result, signal, out, started, restoredFrom, progress);
            }
            Optional<RestorePoint> newest = Optional.empty();
            if (!Instant.now().isBefore(nextListing)) {
                nextListing = Instant.now().plus(listEvery);
                newest = RestorePoints.newestCheckpointIn(jobDir);
            }
            if (newest.isPresent() && (lastCheckpoint == null || newest.get().id() > lastCheckpoint.id())) {
                lastCheckpoint = newest.get();
                MonitorFigures now = liveFigures(job, options);
                if (now != null) {
                    writeStatus(out, now, lastCheckpoint, "running", started, restoredFrom);
                }
            }
            if (Instant.now().isAfter(nextReport)) {
                nextReport = Instant.now().plus(PROGRESS_EVERY);
                MonitorFigures now = liveFigures(job, options);
                if (now != null) {
                    progress.println(ProgressLine.of(now, lastCheckpoint));
                }
            }
        }
    }

    private static Outcome stop(
            MonitorOptions options,
            JobClient job,
            CompletableFuture<JobExecutionResult> result,
            String signal,
            OutputRoot out,
            Instant started,
            Optional<RestorePoint> restoredFrom,
            PrintStream progress)
            throws Exception {
        progress.println("monitor: " + signal + ": stopping with a savepoint"
                + (options.drain() ? " after draining (watermark to the end, pending calls flushed)" : "")
                + " into " + options.checkpoints());
        String location = stopWithSavepoint(job, result, options);
        JobExecutionResult done = result.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        // a local savepoint named by its plain path, as the restore points found by listing are
        String savepoint = CheckpointLocation.isS3(location)
                ? location
                : localPath(location).toString();
        MonitorFigures last = figures(done.getAllAccumulatorResults(), options);
        if (options.drain()) {
            // the end of event time: the stages wrote their last parts, so the files analyze assembles are final
            out.finishLocally(local -> {
                PolicyStage.finish(local);
                WorkloadsFile.assemble(local);
            });
        }
        RestorePoint point = RestorePoints.savepointAt(savepoint)
                .orElseThrow(() -> new IllegalStateException("the savepoint has no _metadata: " + savepoint));
        String status = writeStatus(out, last, point, options.drain() ? "drained" : "stopped", started, restoredFrom);
        progress.println("monitor: stopped; savepoint " + savepoint + " (the next start with --checkpoints "
                + options.checkpoints() + " resumes from it)");
        return new Outcome(savepoint, options.drain(), last, status);
    }

    /**
     * A savepoint needs every task running: a signal that comes while the job is still being deployed or restored
     * (or restarting after a failure) is answered once it runs again, retried within {@link #STOP_TIMEOUT}.
     */
    private static String stopWithSavepoint(
            JobClient job, CompletableFuture<JobExecutionResult> result, MonitorOptions options) throws Exception {
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (true) {
            try {
                return job.stopWithSavepoint(
                                options.drain(),
                                CheckpointLocation.uri(options.checkpoints()),
                                SavepointFormatType.CANONICAL)
                        .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!notAllTasksRunning(e) || result.isDone() || Instant.now().isAfter(deadline)) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static boolean notAllTasksRunning(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CheckpointException c
                    && c.getCheckpointFailureReason() == CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING) {
                return true;
            }
        }
        return false;
    }

    private static String writeStatus(
            OutputRoot out,
            MonitorFigures figures,
            RestorePoint checkpoint,
            String state,
            Instant started,
            Optional<RestorePoint> restoredFrom)
            throws java.io.IOException {
        ObjectNode json = StatusFile.json(figures, checkpoint, state, started, restoredFrom.orElse(null));
        return StatusFile.write(out, json);
    }

    /** The job's accumulators now; null when the job cannot answer at this moment (restarting, say). */
    private static MonitorFigures liveFigures(JobClient job, MonitorOptions options) {
        try {
            return figures(job.getAccumulators().get(2, TimeUnit.SECONDS), options);
        } catch (Exception e) {
            return null;
        }
    }

    private static MonitorFigures figures(Map<String, Object> counters, MonitorOptions options) {
        return new MonitorFigures(counters, options.maxDelay(), Instant.now());
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Flink answers with a URI ({@code file:/dir/savepoint-…}); a plain path stays as it is. */
    static Path localPath(String location) {
        URI uri = URI.create(location);
        return uri.getScheme() == null ? Path.of(location) : Path.of(uri);
    }

    /** {@code --baseline}: an analyze output directory (or a file in one); without it the first 24 h are learnt. */
    static AlertOptions alertOptions(MonitorOptions options) {
        String baseline = options.analyze().findings().baseline();
        if (baseline == null) {
            return AlertOptions.defaults();
        }
        java.nio.file.Path path = java.nio.file.Path.of(baseline);
        return AlertOptions.withBaseline((java.nio.file.Files.isDirectory(path)
                        ? path
                        : path.toAbsolutePath().getParent())
                .toString());
    }
}
