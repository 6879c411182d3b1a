package io.trailtailor.flink.cli;

import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.FlinkFileSystems;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
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
