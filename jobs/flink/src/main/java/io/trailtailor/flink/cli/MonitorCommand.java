package io.trailtailor.flink.cli;

import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.monitor.DurationText;
import io.trailtailor.flink.monitor.MonitorOptions;
import io.trailtailor.flink.monitor.MonitorRunner;
import io.trailtailor.flink.monitor.MonitorSources;
import io.trailtailor.flink.monitor.RestorePoint;
import io.trailtailor.flink.monitor.RestorePoints;
import io.trailtailor.flink.monitor.StopSignals;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.FlinkFileSystems;
import io.trailtailor.flink.output.OutputLocation;
import io.trailtailor.flink.source.kinesis.KinesisInput;
import io.trailtailor.flink.source.sqs.QueueUrl;
import io.trailtailor.flink.stream.EventTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trailtailor monitor}: the same topology as {@code analyze} in STREAMING mode over inputs that keep receiving
 * files. Runs until SIGINT/SIGTERM, then stops with a savepoint into {@code --checkpoints}; the next start with the
 * same directory resumes from the newest checkpoint or savepoint there.
 */
@Command(
        name = "monitor",
        mixinStandardHelpOptions = true,
        description = "Watches the inputs continuously and writes Parquet tables (committed at checkpoints) and"
                + " status.json under --out until SIGINT/SIGTERM; a restart with the same --checkpoints resumes.")
final class MonitorCommand implements Callable<Integer> {

    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);

    @Mixin
    InputOptions inputs;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--checkpoints",
            paramLabel = "DIR",
            required = true,
            description = "Directory or s3://bucket/prefix for checkpoints and savepoints; starting again with the"
                    + " same one resumes.")
    String checkpoints;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            description = "How often outputs are committed (e.g. 60s, 5m; default 60s).")
    String checkpointInterval;

    @Option(
            names = "--discovery-interval",
            paramLabel = "DURATION",
            description = "How often the inputs are listed for new files (default 30s).")
    String discoveryInterval;

    @Option(
            names = "--max-delay",
            paramLabel = "DURATION",
            description = "How far the watermark trails the newest event: later events are late (default 15m).")
    String maxDelay;

    @Option(
            names = "--drain",
            description = "On SIGINT/SIGTERM, flush pending calls first (advance event time to the end): for a"
                    + " permanent stop.")
    boolean drain;

    @Option(
            names = "--kinesis",
            paramLabel = "[CLUSTER=]STREAM_ARN",
            description = "A Kinesis stream of CloudWatch Logs subscription records (EKS audit). Repeatable.")
    List<String> kinesis = new ArrayList<>();

    @Option(
            names = "--sqs",
            paramLabel = "QUEUE_URL",
            description = "An SQS queue of S3 event notifications for the CloudTrail bucket. Repeatable.")
    List<String> sqs = new ArrayList<>();

    @Option(
            names = "--sqs-endpoint",
            paramLabel = "URL",
            description = "SQS-compatible endpoint or VPC endpoint for every --sqs queue.")
    String sqsEndpoint;

    @Option(
            names = "--kinesis-endpoint",
            paramLabel = "URL",
            description = "Kinesis-compatible endpoint or VPC endpoint for every --kinesis stream.")
    String kinesisEndpoint;

    @Override
    public Integer call() throws Exception {
        MonitorOptions options = toOptions();
        // s3:// --out (as s3a://) for the sinks and the status file: Flink's S3 file system, set up as analyze does
        Configuration fileSystems = new Configuration();
        options.analyze().s3().flinkFileSystemOptions().forEach(fileSystems::setString);
        FlinkFileSystems.initialize(fileSystems);
        Optional<RestorePoint> from = RestorePoints.newest(options.checkpoints());
        MonitorRunner.Outcome outcome;
        try {
            outcome = MonitorRunner.run(
                    options, Engines.streaming(options, from), from, StopSignals.install(), System.err);
        } catch (InputLister.InputUnavailable e) {
            throw new UsageError(e.getMessage());
        }
        spec.commandLine()
                .getErr()
                .println("trailtailor: monitor " + (outcome.drained() ? "drained and stopped" : "stopped") + ": "
                        + outcome.figures().files() + " files, "
                        + outcome.figures().records() + " records this run; "
                        + "status in " + outcome.statusFile());
        return Main.OK;
    }

    /** Validated options; a {@link UsageError} names the first problem. */
    MonitorOptions toOptions() {
        if (kinesis.isEmpty() && sqs.isEmpty() && inputs.cloudTrail.isEmpty() && inputs.k8sAudit.isEmpty()) {
            throw new UsageError("no input: give --cloudtrail SRC, --k8s-audit [CLUSTER=]SRC, --sqs QUEUE_URL"
                    + " and/or --kinesis [CLUSTER=]STREAM_ARN");
        }
        AnalyzeOptions analyze = inputs.toOptions(!kinesis.isEmpty() || !sqs.isEmpty());
        if (analyze.parallelism() > MonitorOptions.MAX_PARALLELISM) {
            // checkpoints are cut into that many key groups; a later restore could never spread past them
            throw new UsageError("monitor --parallelism must be at most " + MonitorOptions.MAX_PARALLELISM + ", not "
                    + analyze.parallelism());
        }
        Duration every =
                duration("--checkpoint-interval", checkpointInterval, MonitorOptions.DEFAULT_CHECKPOINT_INTERVAL);
        Duration discovery =
                duration("--discovery-interval", discoveryInterval, MonitorOptions.DEFAULT_DISCOVERY_INTERVAL);
        Duration delay = maxDelay == null ? EventTime.DEFAULT_MAX_DELAY : DurationText.parse(maxDelay);
        if (delay == null) {
            throw new UsageError("--max-delay must be a duration such as 15m, 90s or 1h, not " + maxDelay);
        }
        streamsAndQueues(analyze);
        List<String> sources = new ArrayList<>(analyze.cloudTrail());
        analyze.k8sAudit().forEach(a -> sources.add(InputLister.Source.audit(a).location()));
        for (String s : sources) {
            // a missing local input is a typo to report now; an S3 prefix may fill later, and is listed each poll
            if (!s.startsWith("s3://") && !Files.exists(Path.of(s))) {
                throw new UsageError("input not found: " + s);
            }
        }
        String dir = checkpointDirectory(analyze, sources);
        return new MonitorOptions(
                analyze, dir, every, discovery, delay, drain, kinesis, sqs, sqsEndpoint, kinesisEndpoint);
    }

    /** Each --kinesis and --sqs well-formed and named once (their names prefix operator uids), endpoints URLs. */
    private void streamsAndQueues(AnalyzeOptions analyze) {
        Set<String> names = new HashSet<>();
        for (String k : kinesis) {
            KinesisInput input;
            try {
                input = KinesisInput.parse(k);
            } catch (IllegalArgumentException e) {
                throw new UsageError(
                        "--kinesis must be [CLUSTER=]arn:aws:kinesis:REGION:ACCOUNT:stream/NAME, not " + k);
            }
            if (!names.add(MonitorSources.kinesisName(input))) {
                throw new UsageError(
                        "--kinesis names the stream " + input.stream().arn() + " twice");
            }
        }
        for (String q : sqs) {
            QueueUrl queue;
            try {
                queue = QueueUrl.parse(q);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--sqs must be a queue URL such as"
                        + " https://sqs.us-east-1.amazonaws.com/111122223333/trail-events, not " + q);
            }
            if (!names.add(MonitorSources.sqsName(queue, analyze.s3().region()))) {
                throw new UsageError("--sqs names the queue " + q + " twice (or two queues differing only in case"
                        + " or punctuation)");
            }
        }
        endpoint("--sqs-endpoint", sqsEndpoint);
        endpoint("--kinesis-endpoint", kinesisEndpoint);
    }

    private static void endpoint(String option, String url) {
        if (url != null && !url.matches("https?://[^\\s/?#]+(/\\S*)?")) {
            throw new UsageError(option + " must be an http(s) URL, not " + url);
        }
    }

    private String checkpointDirectory(AnalyzeOptions analyze, List<String> sources) {
        if (checkpoints.isBlank()) {
            throw new UsageError("--checkpoints needs a directory, not an empty string");
        }
        if (checkpoints.startsWith("s3://")) {
            return s3CheckpointLocation(analyze);
        }
        if (checkpoints.matches("[a-z][a-z0-9+.-]*://.*")) {
            throw new UsageError("--checkpoints must be a local directory or s3://bucket/prefix, not " + checkpoints);
        }
        Path dir = Path.of(checkpoints).toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageError("--checkpoints is not a directory: " + dir);
        }
        Path out = Path.of(analyze.out()).toAbsolutePath().normalize();
        if (!OutputLocation.isS3(analyze.out()) && (dir.equals(out) || dir.startsWith(out))) {
            // Parquet readers and the next run's cleanup walk --out; checkpoints belong elsewhere
            throw new UsageError("--checkpoints must not be --out or lie inside it: " + dir);
        }
        for (String s : sources.stream().filter(s -> !s.startsWith("s3://")).toList()) {
            Path input = Path.of(s).toAbsolutePath().normalize();
            if (dir.startsWith(input) || input.startsWith(dir)) {
                // the watched input would read the checkpoints as logs, or the other way round
                throw new UsageError("--checkpoints must not overlap the input " + s + ": " + dir);
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new UsageError("--checkpoints cannot be created: " + dir + " (" + e.getMessage() + ")");
        }
        return dir.toString();
    }

    /** {@code s3://bucket/prefix} without trailing slashes; not inside an s3:// {@code --out} or input. */
    private String s3CheckpointLocation(AnalyzeOptions analyze) {
        String location = checkpoints.replaceAll("/+$", "");
        if (!location.matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^/]+)*")) {
            throw new UsageError("--checkpoints must be s3://bucket/prefix (a valid bucket name), not " + checkpoints);
        }
        List<String> s3Places = new ArrayList<>(analyze.cloudTrail());
        analyze.k8sAudit().forEach(a -> s3Places.add(InputLister.Source.audit(a).location()));
        for (String place : s3Places.stream().filter(p -> p.startsWith("s3://")).toList()) {
            if (overlaps(location, place)) {
                // the watched input would read the checkpoints as logs, or the other way round
                throw new UsageError("--checkpoints must not overlap the input " + place + ": " + location);
            }
        }
        if (OutputLocation.isS3(analyze.out()) && within(location, analyze.out())) {
            // the sinks' cleanup and Parquet readers walk --out; checkpoints belong elsewhere
            throw new UsageError("--checkpoints must not be --out or lie inside it: " + location);
        }
        return location;
    }

    private static boolean overlaps(String a, String b) {
        return within(a, b) || within(b, a);
    }

    /** Whether the s3:// location {@code inner} is {@code outer} or below it. */
    private static boolean within(String inner, String outer) {
        String o = outer.replaceAll("/+$", "");
        return inner.equals(o) || inner.startsWith(o + "/");
    }

    private static Duration duration(String option, String text, Duration defaultValue) {
        if (text == null) {
            return defaultValue;
        }
        Duration d = DurationText.parse(text);
        if (d == null || d.compareTo(SHORTEST_INTERVAL) < 0) {
            throw new UsageError(option + " must be a duration of at least 100ms such as 60s or 5m, not " + text);
        }
        return d;
    }
}
