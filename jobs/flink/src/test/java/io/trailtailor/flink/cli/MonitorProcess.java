package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code trailtailor monitor} in its own JVM, as a user runs it, with its output in a log file: started with the
 * environment a test gives it (throwaway keys of loopback servers, never arguments), awaited by polled conditions,
 * stopped with SIGTERM. Ended forcibly by {@link #close} if still alive.
 */
final class MonitorProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private MonitorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static MonitorProcess start(List<String> args, Map<String, String> environment, Path dir, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("monitor"));
        command.addAll(args);
        return new MonitorProcess(cli(command, environment, dir, log).start(), log);
    }

    /**
     * The CLI with {@code args} in a JVM of its own, as the tests run it: the build's JDK 17 opens, a 700 MiB heap, a
     * scratch directory under {@code dir}, Flink's S3 file system plugin where the build has one (as on a cluster:
     * failsafe names the build's copy, surefire finds it beside the classes), and its output in {@code log}.
     */
    static ProcessBuilder cli(List<String> args, Map<String, String> environment, Path dir, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Arrays.stream(System.getProperty("flink.jdk17.opens", "").split("\\s+"))
                .filter(a -> !a.isBlank())
                .forEach(command::add);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        command.addAll(List.of("-Xmx700m", "-Djava.io.tmpdir=" + tmp));
        String plugins = System.getProperty("trailtailor.plugins.dir");
        if (plugins != null) {
            command.add("-Dtrailtailor.plugins.dir=" + plugins);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        return builder;
    }

    /** Polls {@code condition} every 200 ms until it holds; fails if monitor ends first or {@code within} passes. */
    void await(String what, Duration within, BooleanSupplier condition) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "monitor ended (exit " + process.exitValue() + ") before " + what + ":\n" + log());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within " + within + ":\n" + log());
            }
            Thread.sleep(200);
        }
    }

    /** SIGTERM, then exit 0 within {@code within}. */
    void stopAndExpectZero(Duration within) throws Exception {
        process.destroy();
        assertThat(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS))
                .as(log())
                .isTrue();
        assertThat(process.exitValue()).as(log()).isZero();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
