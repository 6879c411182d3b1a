package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@Timeout(60)
class InputSafetyCommandLineTest {

    @TempDir
    Path dir;

    record Run(int exit, String err) {}

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--cloudtrail", "--k8s-audit"})
    void refusesAnEmptySourceOnOneLine(String option) {
        Run r = run("analyze", option, "", "--out", dir.resolve("out").toString());

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err())
                .isEqualTo("trailtailor: " + option + " needs a file, directory or s3:// URI, not an empty string"
                        + System.lineSeparator());
    }

    @Test
    void refusesATimeoutThatIsNotADuration() {
        Run r = run("analyze", "--cloudtrail", dir.toString(), "--out", "o", "--s3-timeout", "soon");

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--s3-timeout must be a duration from 1ms to 1h such as 2s or 500ms, not soon");
    }

    @Test
    void failsWithinSecondsOnAnEndpointThatNeverAnswers() throws IOException {
        List<Socket> held = new ArrayList<>();
        String before = System.getProperty("aws.accessKeyId");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // done
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            // credentials for the default chain without touching the environment or instance metadata
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
            String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
            Instant start = Instant.now();

            Run r = run(
                    "analyze",
                    "--cloudtrail",
                    "s3://trail-bucket/AWSLogs/",
                    "--s3-endpoint",
                    endpoint,
                    "--s3-path-style",
                    "--s3-timeout",
                    "2s",
                    "--out",
                    dir.resolve("out").toString());

            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
            assertThat(r.exit()).isEqualTo(Main.USAGE);
            assertThat(r.err().lines()).singleElement().asString().contains("cannot reach S3 endpoint " + endpoint);
        } finally {
            if (before == null) {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
