package io.trailtailor.flink.cli;

import io.trailtailor.flink.monitor.CheckpointLocation;
import io.trailtailor.flink.monitor.MonitorOptions;
import io.trailtailor.flink.monitor.RestorePoint;
import io.trailtailor.flink.monitor.StableJobId;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.FlinkFileSystems;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a job runs: embedded (a MiniCluster in this JVM, the default), inside {@code flink run} (the cluster's
 * context environment), or on a running cluster named by {@code --jobmanager}.
 */
final class Engines {

    private Engines() {}

    static StreamExecutionEnvironment batch(AnalyzeOptions options) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        // a failed batch run is reported, not retried forever; the user reruns it
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        StreamExecutionEnvironment env;
        if (options.jobManager() != null) {
            String[] hostPort = options.jobManager().split(":");
            env = StreamExecutionEnvironment.createRemoteEnvironment(
                    hostPort[0], Integer.parseInt(hostPort[1]), conf, jobJar());
        } else {
            // the embedded engine's sort buffers for BATCH shuffles; Flink's local default (128 MiB) spills early
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
            // the RPC jar Flink unpacks, blobs, spill files and uploads: into a directory removed at exit
            String scratch = ScratchDirectory.get().toString();
            conf.set(CoreOptions.TMP_DIRS, scratch);
            conf.set(WebOptions.TMP_DIR, scratch);
            // s3a:// and s3:// paths (Parquet, checkpoints) reach the same S3 as the SDK, through the S3 plugin
            options.s3().flinkFileSystemOptions().forEach(conf::setString);
            FlinkFileSystems.initialize(conf);
            env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        env.setParallelism(options.parallelism());
        return env;
    }

    /**
     * {@code monitor}'s engine: STREAMING, an exactly-once checkpoint every {@code --checkpoint-interval} into
     * {@code --checkpoints} (kept when the job is cancelled, so a restart resumes from it), a few failed checkpoints
     * tolerated, restarts with a fixed delay, and the job id fixed by the checkpoint directory so every start uses
     * the same {@code <dir>/<jobId>/chk-N} layout. {@code from} is the checkpoint or savepoint to resume from.
     */
    static StreamExecutionEnvironment streaming(MonitorOptions monitor, Optional<RestorePoint> from) {
        AnalyzeOptions options = monitor.analyze();
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, monitor.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        String dir = CheckpointLocation.uri(monitor.checkpoints());
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, dir);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // two kept: if the newest was cut off by a crash while it was being deleted, the one before still restores
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 3);
        conf.set(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS, 1);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(10));
        conf.set(
                PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID,
                StableJobId.of(monitor.checkpoints()).toHexString());
        from.ifPresent(p -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, CheckpointLocation.uri(p.dir())));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        conf.set(PipelineOptions.MAX_PARALLELISM, MonitorOptions.MAX_PARALLELISM);
        StreamExecutionEnvironment env;
        if (options.jobManager() != null) {
            String[] hostPort = options.jobManager().split(":");
            env = StreamExecutionEnvironment.createRemoteEnvironment(
                    hostPort[0], Integer.parseInt(hostPort[1]), conf, jobJar());
        } else {
            String scratch = ScratchDirectory.get().toString();
            conf.set(CoreOptions.TMP_DIRS, scratch);
            conf.set(WebOptions.TMP_DIR, scratch);
            env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        env.setParallelism(options.parallelism());
        return env;
    }

    /** The job jar beside the running jar (no Flink classes inside), else the running jar itself. */
    static String jobJar() {
        try {
            Path running = Path.of(Main.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path job = running.resolveSibling("trailtailor-job.jar");
            if (Files.isRegularFile(job)) {
                return job.toString();
            }
            if (Files.isRegularFile(running)) {
                return running.toString();
            }
            throw new UsageError("--jobmanager needs the packaged jar (run ./trailtailor, not the classes): " + running
                    + File.separator);
        } catch (URISyntaxException e) {
            throw new UsageError("cannot locate the job jar: " + e.getMessage());
        }
    }
}
