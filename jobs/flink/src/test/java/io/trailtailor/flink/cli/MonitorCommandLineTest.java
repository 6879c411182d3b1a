package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.monitor.MonitorOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code monitor}'s options: every usage error is one line and exit 2, before any job starts; defaults as DESIGN.md. */
class MonitorCommandLineTest {

    @TempDir
    static Path dir;

    static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/111122223333/trail-events";
    static final String STREAM = "arn:aws:kinesis:eu-west-1:111122223333:stream/eks-audit";

    static String in;
    static String out;
    static String cp;

    @BeforeAll
    static void dirs() throws Exception {
        in = Files.createDirectories(dir.resolve("in")).toString();
        out = dir.resolve("out").toString();
        cp = dir.resolve("cp").toString();
    }

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cli.setOut(new PrintWriter(o));
        cli.setErr(new PrintWriter(e));
        int exit = cli.execute(args);
        return new Run(exit, o.toString(), e.toString());
    }

    static String[] monitor(String... more) {
        List<String> args = new ArrayList<>(List.of("monitor", "--cloudtrail", in, "--out", out, "--checkpoints", cp));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(
                        new String[] {"monitor", "--cloudtrail", in, "--out", out},
                        "Missing required option: '--checkpoints=DIR'"),
                Arguments.of(
                        new String[] {"monitor", "--out", out, "--checkpoints", cp},
                        "no input: give --cloudtrail SRC, --k8s-audit [CLUSTER=]SRC, --sqs QUEUE_URL and/or"
                                + " --kinesis [CLUSTER=]STREAM_ARN"),
                Arguments.of(
                        new String[] {"monitor", "--cloudtrail", "/no/such/dir", "--out", out, "--checkpoints", cp},
                        "input not found: /no/such/dir"),
                Arguments.of(
                        monitor("--checkpoint-interval", "60"),
                        "--checkpoint-interval must be a duration of at least 100ms such as 60s or 5m, not 60"),
                Arguments.of(
                        monitor("--checkpoint-interval", "10ms"),
                        "--checkpoint-interval must be a duration of at least 100ms such as 60s or 5m, not 10ms"),
                Arguments.of(
                        monitor("--discovery-interval", "soon"),
                        "--discovery-interval must be a duration of at least 100ms such as 60s or 5m, not soon"),
                Arguments.of(
                        monitor("--max-delay", "-5m"),
                        "--max-delay must be a duration such as 15m, 90s or 1h, not -5m"),
                Arguments.of(
                        monitor("--kinesis", "prod=arn:aws:sqs:us-east-1:111122223333:q"),
                        "--kinesis must be [CLUSTER=]arn:aws:kinesis:REGION:ACCOUNT:stream/NAME, not"
                                + " prod=arn:aws:sqs:us-east-1:111122223333:q"),
                Arguments.of(
                        monitor("--kinesis", "=arn:aws:kinesis:us-east-1:111122223333:stream/eks-audit"),
                        "--kinesis must be [CLUSTER=]arn:aws:kinesis:REGION:ACCOUNT:stream/NAME, not ="),
                Arguments.of(
                        monitor(
                                "--kinesis",
                                "prod=arn:aws:kinesis:us-east-1:111122223333:stream/eks-audit",
                                "--kinesis",
                                "arn:aws:kinesis:us-east-1:111122223333:stream/eks-audit"),
                        "--kinesis names the stream arn:aws:kinesis:us-east-1:111122223333:stream/eks-audit twice"),
                Arguments.of(monitor("--sqs", "trail-events"), "--sqs must be a queue URL such as"),
                Arguments.of(monitor("--sqs", QUEUE, "--sqs", QUEUE), "--sqs names the queue " + QUEUE + " twice"),
                Arguments.of(
                        new String[] {
                            "monitor",
                            "--sqs",
                            QUEUE,
                            "--out",
                            out,
                            "--checkpoints",
                            cp,
                            "--sqs-endpoint",
                            "localhost:9324"
                        },
                        "--sqs-endpoint must be an http(s) URL, not localhost:9324"),
                Arguments.of(
                        new String[] {
                            "monitor",
                            "--kinesis",
                            STREAM,
                            "--out",
                            out,
                            "--checkpoints",
                            cp,
                            "--kinesis-endpoint",
                            "ftp://127.0.0.1:4567"
                        },
                        "--kinesis-endpoint must be an http(s) URL, not ftp://127.0.0.1:4567"),
                Arguments.of(
                        new String[] {
                            "monitor", "--out", out, "--checkpoints", cp, "--sqs-endpoint", "http://127.0.0.1:9324"
                        },
                        "no input: give --cloudtrail SRC"),
                Arguments.of(
                        new String[] {"monitor", "--cloudtrail", in, "--out", out, "--checkpoints", "s3://b/cp"},
                        "--checkpoints must be s3://bucket/prefix (a valid bucket name), not s3://b/cp"),
                Arguments.of(
                        new String[] {
                            "monitor", "--cloudtrail", in, "--out", "s3://tt-out/o", "--checkpoints", "s3://tt-out/o/cp"
                        },
                        "--checkpoints must not be --out or lie inside it: s3://tt-out/o/cp"),
                Arguments.of(
                        new String[] {
                            "monitor",
                            "--cloudtrail",
                            "s3://trail/AWSLogs",
                            "--out",
                            out,
                            "--checkpoints",
                            "s3://trail/AWSLogs/cp"
                        },
                        "--checkpoints must not overlap the input s3://trail/AWSLogs: s3://trail/AWSLogs/cp"),
                Arguments.of(
                        new String[] {"monitor", "--cloudtrail", in, "--out", out, "--checkpoints", in + "/cp"},
                        "--checkpoints must not overlap the input " + in),
                Arguments.of(
                        new String[] {"monitor", "--cloudtrail", in, "--out", out, "--checkpoints", out + "/cp"},
                        "--checkpoints must not be --out or lie inside it"),
                Arguments.of(
                        new String[] {"monitor", "--cloudtrail", in, "--out", out, "--checkpoints", "hdfs://nn/cp"},
                        "--checkpoints must be a local directory or s3://bucket/prefix, not hdfs://nn/cp"),
                Arguments.of(monitor("--parallelism", "129"), "monitor --parallelism must be at most 128, not 129"),
                Arguments.of(monitor("--drain=maybe"), "Invalid value for option '--drain'"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void rejectsUnusableArgumentsWithOneLineAndExitCodeTwo(String[] args, String message) {
        Run r = run(args);

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .startsWith("trailtailor: ")
                .contains(message);
        assertThat(Path.of(out)).as("nothing is written on a usage error").doesNotExist();
    }

    @Test
    void defaultsAreThoseOfDesign() {
        MonitorCommand command = parse(monitor());
        MonitorOptions options = command.toOptions();

        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.discoveryInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxDelay()).isEqualTo(Duration.ofMinutes(15));
        assertThat(options.drain()).isFalse();
        assertThat(options.checkpoints()).isEqualTo(Path.of(cp).toString());
        assertThat(options.analyze().cloudTrail()).containsExactly(in);
    }

    @Test
    void checkpointsAreCutIntoTheSameKeyGroupsAtEveryParallelism() {
        for (String p : List.of("1", "2", "128")) {
            MonitorOptions options = parse(monitor("--parallelism", p)).toOptions();
            var env = Engines.streaming(options, java.util.Optional.empty());
            assertThat(env.getMaxParallelism()).as("parallelism " + p).isEqualTo(MonitorOptions.MAX_PARALLELISM);
            assertThat(env.getParallelism()).isEqualTo(Integer.parseInt(p));
        }
    }

    @Test
    void takesAnS3PrefixForCheckpointsWithoutItsTrailingSlash() {
        MonitorOptions options = parse(
                        "monitor", "--cloudtrail", in, "--out", "s3://tt-out/o", "--checkpoints", "s3://tt-cp/monitor/")
                .toOptions();

        assertThat(options.checkpoints()).isEqualTo("s3://tt-cp/monitor");
    }

    @Test
    void takesEveryMonitorOption() {
        MonitorCommand command = parse(monitor(
                "--checkpoint-interval",
                "2s",
                "--discovery-interval",
                "500ms",
                "--max-delay",
                "1h",
                "--drain",
                "--k8s-audit",
                "prod=" + in));
        MonitorOptions options = command.toOptions();

        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.discoveryInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.maxDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(options.eventTime().maxDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(options.drain()).isTrue();
        assertThat(options.analyze().k8sAudit()).containsExactly("prod=" + in);
    }

    @Test
    void anS3PrefixIsWatchedAsItIs() {
        MonitorOptions options = parse(
                        "monitor", "--cloudtrail", "s3://bucket/AWSLogs", "--out", out, "--checkpoints", cp)
                .toOptions();

        assertThat(options.analyze().cloudTrail()).containsExactly("s3://bucket/AWSLogs");
    }

    @Test
    void takesQueuesAndStreamsWithoutAnyListedInput() {
        MonitorOptions options = parse(
                        "monitor",
                        "--sqs",
                        QUEUE,
                        "--sqs",
                        "http://127.0.0.1:9324/000000000000/local",
                        "--kinesis",
                        "prod=" + STREAM,
                        "--sqs-endpoint",
                        "https://vpce-0a1b.sqs.eu-west-1.vpce.amazonaws.com",
                        "--kinesis-endpoint",
                        "http://127.0.0.1:4567",
                        "--out",
                        out,
                        "--checkpoints",
                        cp)
                .toOptions();

        assertThat(options.watchesListedInputs()).isFalse();
        assertThat(options.sqs()).containsExactly(QUEUE, "http://127.0.0.1:9324/000000000000/local");
        assertThat(options.kinesis()).containsExactly("prod=" + STREAM);
        assertThat(options.sqsEndpoint()).isEqualTo("https://vpce-0a1b.sqs.eu-west-1.vpce.amazonaws.com");
        assertThat(options.kinesisEndpoint()).isEqualTo("http://127.0.0.1:4567");
    }

    @Test
    void helpNamesEveryMonitorOption() {
        Run r = run("monitor", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "--checkpoints=DIR",
                        "--checkpoint-interval=DURATION",
                        "--discovery-interval=DURATION",
                        "--max-delay=DURATION",
                        "--baseline=PATH",
                        "--drain",
                        "--kinesis=[CLUSTER=]STREAM_ARN",
                        "--kinesis-endpoint=URL",
                        "--sqs=QUEUE_URL",
                        "--sqs-endpoint=URL");
    }

    private static MonitorCommand parse(String... args) {
        CommandLine cli = Main.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        return (MonitorCommand) parsed.subcommand().commandSpec().userObject();
    }
}
