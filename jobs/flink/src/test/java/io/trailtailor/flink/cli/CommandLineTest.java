package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class CommandLineTest {

    @TempDir
    static Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Stream<Arguments> usageErrors() {
        String in = dir.toString();
        return Stream.of(
                Arguments.of(new String[] {"analyze", "--out", "o"}, "no input: give --cloudtrail SRC"),
                Arguments.of(new String[] {"analyze", "--cloudtrail", in}, "Missing required option: '--out=DIR'"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", "/no/such/dir", "--out", "o"},
                        "input not found: /no/such/dir"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", in, "--out", "o", "--parallelism", "0"},
                        "--parallelism must be between 1 and 1024, not 0"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", in, "--out", "o", "--from", "2024-13-01"},
                        "--from must be a date YYYY-MM-DD, not 2024-13-01"),
                Arguments.of(
                        new String[] {
                            "analyze", "--cloudtrail", in, "--out", "o", "--from", "2024-02-01", "--to", "2024-01-01"
                        },
                        "--to 2024-01-01 is before --from 2024-02-01"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", in, "--out", "o", "--accounts", "12345"},
                        "--accounts: not a 12-digit AWS account id: 12345"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", in, "--out", "o", "--regions", "mars-1"},
                        "--regions: not an AWS region name: mars-1"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", in, "--out", "o", "--cluster", "prod"},
                        "--cluster must be NAME=OIDC_ISSUER, not prod"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", in, "--out", "o", "--iam-snapshot", "/no/file"},
                        "--iam-snapshot: not a readable file: /no/file"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", in, "--out", "o", "--jobmanager", "nohost"},
                        "--jobmanager must be HOST:PORT, not nohost"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", in, "--out", "s3://"},
                        "--out s3://: no bucket in s3://; give s3://bucket/prefix"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", in, "--out", "o", "--parallelism", "many"},
                        "Invalid value for option '--parallelism'"),
                Arguments.of(
                        new String[] {"analyze", "--cloudtrail", in, "--out", "o", "--bogus"},
                        "Unknown option: '--bogus'"),
                Arguments.of(
                        new String[] {"monitor", "--cloudtrail", in, "--out", "o"},
                        "Missing required option: '--checkpoints=DIR'"),
                Arguments.of(new String[] {"generate", "--out", "o", "--scenario", "mars"}, "unknown scenario"),
                Arguments.of(
                        new String[] {"generate", "--out", "o", "--days", "0"},
                        "--days must be between 1 and 3660, not 0"),
                Arguments.of(
                        new String[] {"generate", "--out", "o", "--start", "yesterday"},
                        "--start must be an ISO instant"),
                Arguments.of(new String[] {"bench", "--events", "10"}, "--events must be at least 1000"),
                Arguments.of(new String[] {"demo", "--events", "0"}, "--events must be at least 1, not 0"),
                Arguments.of(new String[] {}, "a command is required"));
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
    }

    @Test
    void printsHelpForEveryCommand() {
        for (String command : new String[] {"analyze", "monitor", "generate", "demo", "bench"}) {
            Run r = run(command, "--help");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Usage: trailtailor " + command);
        }
        assertThat(run("--help").out()).contains("analyze", "monitor", "generate", "demo", "bench");
    }

    @Test
    void writesASummaryForAnInputWithNothingToRead() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-input"));
        Path out = dir.resolve("empty-out");

        Run r = run("analyze", "--cloudtrail", empty.toString(), "--out", out.toString());

        assertThat(r.exit()).isZero();
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"cloudtrailRecords\" : 0");
    }
}
