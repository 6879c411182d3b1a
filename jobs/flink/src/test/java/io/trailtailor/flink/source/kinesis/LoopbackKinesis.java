package io.trailtailor.flink.source.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A real Kinesis API on loopback: kinesis-mock, as the npm package {@code kinesis-local} (installed by npm into
 * {@code target/kinesis-local} on first use), run by Node on a free plain-HTTP port. It answers the calls by
 * StreamARN that {@link KinesisSubscriptionSource} makes. Started and ended by the test, by its own process handle.
 */
public final class LoopbackKinesis implements AutoCloseable {

    static final String VERSION = "0.6.2";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    static final Path PREFIX = Path.of("target", "kinesis-local");
    static final Path PACKAGE = PREFIX.resolve("node_modules").resolve("kinesis-local");

    private final Process server;
    private final int port;

    private LoopbackKinesis(Process server, int port) {
        this.server = server;
        this.port = port;
    }

    public static LoopbackKinesis start() throws Exception {
        install();
        int port;
        int tlsPort;
        try (ServerSocket a = new ServerSocket(0);
                ServerSocket b = new ServerSocket(0)) {
            port = a.getLocalPort();
            tlsPort = b.getLocalPort();
        }
        Path log = PREFIX.resolve("server-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder("node", "main.js")
                .directory(PACKAGE.toFile()) // it reads its TLS certificate, server.json, from the working directory
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(log.toAbsolutePath().toFile()))
                .redirectErrorStream(true);
        builder.environment().put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
        builder.environment().put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
        builder.environment().put("AWS_REGION", REGION);
        builder.environment().put("AWS_ACCOUNT_ID", ACCOUNT);
        builder.environment().put("CREATE_STREAM_DURATION", "100ms");
        builder.environment().put("LOG_LEVEL", "WARN");
        Process process = builder.start();
        process.getOutputStream().close();
        LoopbackKinesis kinesis = new LoopbackKinesis(process, port);
        kinesis.awaitUp(log);
        return kinesis;
    }

    private static void install() throws Exception {
        if (Files.isRegularFile(PACKAGE.resolve("main.js"))) {
            return;
        }
        Files.createDirectories(PREFIX);
        Path npmLog = PREFIX.resolve("npm-install.log");
        Process npm = new ProcessBuilder(
                        "npm",
                        "install",
                        "--no-audit",
                        "--no-fund",
                        "--prefix",
                        PREFIX.toString(),
                        "kinesis-local@" + VERSION)
                // never the test JVM's own stdin/stdout: surefire talks to its fork over them
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(npmLog.toFile()))
                .redirectErrorStream(true)
                .start();
        npm.getOutputStream().close();
        assertThat(npm.waitFor(240, TimeUnit.SECONDS)).as("npm install in time").isTrue();
        assertThat(npm.exitValue()).as("npm install, see " + npmLog).isZero();
    }

    /** Up when it answers ListStreams; at most 60 s. */
    private void awaitUp(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (KinesisClient client = client()) {
            while (true) {
                try {
                    client.listStreams();
                    return;
                } catch (RuntimeException e) {
                    if (!server.isAlive()) {
                        throw new IOException("kinesis-local exited with " + server.exitValue() + ", see " + log);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IOException("kinesis-local did not answer within 60 s, see " + log, e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    public KinesisSettings settings() {
        return new KinesisSettings(
                REGION,
                URI.create("http://127.0.0.1:" + port),
                "AKIDLOOPBACK",
                "loopback-secret",
                Duration.ofMillis(100),
                100);
    }

    public KinesisClient client() {
        return settings().client(arn("any"));
    }

    public static String arn(String stream) {
        return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + stream;
    }

    /** Creates a stream and waits (at most 30 s) until it is ACTIVE; returns its ARN. */
    public String createStream(String name, int shards) throws Exception {
        try (KinesisClient client = client()) {
            client.createStream(b -> b.streamName(name).shardCount(shards));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.describeStreamSummary(b -> b.streamARN(arn(name)))
                            .streamDescriptionSummary()
                            .streamStatus()
                    != StreamStatus.ACTIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("stream " + name + " not ACTIVE within 30 s");
                }
                Thread.sleep(100);
            }
        }
        return arn(name);
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
