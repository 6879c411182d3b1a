package io.trailtailor.flink;

import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.analyze.AnalyzeRunner;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.policy.ActionWildcards;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * What the ITCases share to run {@code analyze}: an embedded cluster, options with every knob at the CLI's default
 * unless a test sets it, and a batch run whose progress lines are swallowed.
 */
public final class TestAnalysis {

    private TestAnalysis() {}

    /** One task manager with this many slots, failing a job at its first failure (no restarts). */
    public static MiniClusterExtension miniCluster(int slots) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .setConfiguration(OutputTables.noRestarts())
                .build());
    }

    /** Runs {@code analyze} in batch mode at the options' parallelism. */
    /**
     * A STREAMING environment at {@code parallelism} that checkpoints every 500 ms (so the sinks commit) into files
     * under {@code checkpoints}, as monitor's {@code --checkpoints} does: state that waits a long max delay outgrows
     * the JobManager's 5 MiB in-memory checkpoints, which then fail and restart the job forever.
     */
    public static StreamExecutionEnvironment streaming(Path checkpoints, int parallelism) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(parallelism);
        env.enableCheckpointing(500);
        return env;
    }

    public static AnalyzeRunner.Outcome run(AnalyzeOptions options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(options.parallelism());
        return AnalyzeRunner.run(options, env, new PrintStream(new ByteArrayOutputStream()));
    }

    /** Options writing to {@code out}, with the knobs {@code set} changes and every other one at its default. */
    public static AnalyzeOptions options(Path out, Consumer<Knobs> set) {
        Knobs k = new Knobs();
        set.accept(k);
        return new AnalyzeOptions(
                k.cloudTrail,
                k.k8sAudit,
                k.iamSnapshots,
                k.clusterSnapshots,
                k.clusterOidcIssuers,
                k.filter.from(),
                k.filter.to(),
                k.filter.accounts(),
                k.filter.regions(),
                out.toString(),
                k.parallelism,
                null,
                k.s3,
                k.includeDenied,
                k.s3PrefixThreshold,
                k.actionWildcards,
                k.rbacResourceNames,
                k.includeHidden,
                k.findings);
    }

    /** The knobs a test may set, each starting at the CLI's default (parallelism at 2, no input). */
    public static final class Knobs {
        public List<String> cloudTrail = List.of();
        public List<String> k8sAudit = List.of();
        public List<String> iamSnapshots = List.of();
        public List<String> clusterSnapshots = List.of();
        public AnalyzeOptions.Findings findings = AnalyzeOptions.Findings.defaults();
        public List<String> clusterOidcIssuers = List.of();
        public KeyFilter filter = KeyFilter.ALL;
        public int parallelism = 2;
        public S3Settings s3 = S3Settings.defaults();
        public boolean includeDenied;
        public int s3PrefixThreshold = AnalyzeOptions.DEFAULT_S3_PREFIX_THRESHOLD;
        public ActionWildcards actionWildcards = ActionWildcards.NEVER;
        public int rbacResourceNames = AnalyzeOptions.DEFAULT_RBAC_RESOURCE_NAMES;
        public boolean includeHidden;

        private Knobs() {}
    }
}
