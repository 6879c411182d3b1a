package io.trailtailor.flink.deploy;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/standalone/start.sh} and {@code stop.sh} run as an operator runs them, on free loopback ports, with
 * their pid files, logs and classpath in one run directory: the cluster tests use the scripts users get, not a
 * private launcher.
 */
public final class StandaloneScripts implements AutoCloseable {

    /** What a script printed and how it ended. */
    public record Run(int exitCode, String output) {}

    private final Path runDir;
    private final int restPort;
    private final Run started;

    private StandaloneScripts(Path runDir, int restPort, Run started) {
        this.runDir = runDir;
        this.restPort = restPort;
        this.started = started;
    }

    /** Runs start.sh for a JobManager and {@code taskManagers} TaskManagers (2 slots each, deploy's config.yaml). */
    public static StandaloneScripts start(Path runDir, int taskManagers) throws Exception {
        int restPort = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("TASKMANAGERS", Integer.toString(taskManagers));
        env.put("RUN_DIR", runDir.toString());
        env.put(
                "FLINK_DYNAMIC_PROPERTIES",
                "-Drest.port=" + restPort + " -Djobmanager.rpc.port=" + freePort() + " -Dblob.server.port="
                        + freePort());
        env.put("START_TIMEOUT", "240");
        return new StandaloneScripts(runDir, restPort, run("start.sh", env));
    }

    public Run started() {
        return started;
    }

    public int restPort() {
        return restPort;
    }

    /** {@code host:port} as {@code --jobmanager} takes it. */
    public String restAddress() {
        return "127.0.0.1:" + restPort;
    }

    /** The pids start.sh recorded, by pid file name ({@code jobmanager}, {@code taskmanager-1}, ...). */
    public Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new java.util.TreeMap<>();
        try (var files = Files.list(runDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                String name = f.getFileName().toString();
                pids.put(
                        name.substring(0, name.length() - ".pid".length()),
                        Long.parseLong(Files.readString(f).trim()));
            }
        }
        return pids;
    }

    public Run stop() throws Exception {
        return run("stop.sh", Map.of("RUN_DIR", runDir.toString()));
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    public static Run run(String script, Map<String, String> env) throws Exception {
        Path path = DeployFiles.file("standalone").resolve(script);
        ProcessBuilder pb = new ProcessBuilder("bash", path.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment()
                .put("PATH", System.getProperty("java.home") + "/bin" + File.pathSeparator + System.getenv("PATH"));
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(path + " did not finish: " + output);
        }
        return new Run(p.exitValue(), output);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static List<Long> values(Map<String, Long> pids) {
        return new ArrayList<>(pids.values());
    }
}
