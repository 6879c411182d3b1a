package io.trailtailor.flink.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/standalone/start.sh} and {@code stop.sh} for real: two TaskManagers and a JobManager from the jars
 * Maven resolves, registered with each other on loopback, then stopped by their pid files, and nothing else stopped:
 * a bystander JVM whose command line names the same TaskManager class survives.
 */
class DeployStandaloneITCase {

    @TempDir
    Path runDir;

    @Test
    void startShowsTwoTaskManagersAtTheRestAddressAndStopEndsExactlyThoseProcesses() throws Exception {
        Process bystander = startBystander();
        StandaloneScripts cluster = null;
        try {
            cluster = StandaloneScripts.start(runDir, 2);
            StandaloneScripts.Run start = cluster.started();
            int restPort = cluster.restPort();
            assertThat(start.exitCode()).as(start.output()).isZero();
            assertThat(start.output()).contains("Flink REST: http://127.0.0.1:" + restPort + " (2 task managers");

            String overview = get("http://127.0.0.1:" + restPort + "/overview");
            assertThat(overview).contains("\"taskmanagers\":2").contains("\"slots-total\":4");
            assertThat(overview).contains("\"flink-version\":\"" + System.getProperty("flink.version", "1.20.0"));
            List<Long> pids = StandaloneScripts.values(cluster.pids());
            assertThat(pids).hasSize(3).allMatch(pid -> ProcessHandle.of(pid).isPresent());
            assertThat(runDir.resolve("plugins/s3-fs-hadoop"))
                    .isDirectoryContaining("glob:**/flink-s3-fs-hadoop-*.jar");

            StandaloneScripts.Run stop = cluster.stop();
            assertThat(stop.exitCode()).as(stop.output()).isZero();
            for (long pid : pids) {
                assertThat(awaitExit(pid, 90)).as("pid " + pid + " ended").isTrue();
            }
            try (var pidFiles = Files.list(runDir)) {
                assertThat(pidFiles.filter(p -> p.toString().endsWith(".pid"))).isEmpty();
            }
            assertThat(bystander.isAlive())
                    .as("a java process start.sh did not start")
                    .isTrue();

            StandaloneScripts.Run again = cluster.stop();
            assertThat(again.exitCode()).isZero();
            assertThat(again.output()).contains("no pid files");
        } finally {
            if (cluster != null) {
                cluster.stop();
            }
            bystander.destroyForcibly();
        }
    }

    /**
     * Waits for a process this test did not start. stop.sh has sent SIGTERM and, after its timeout, SIGKILL; on a
     * loaded machine a JVM takes a while to go, and until whoever adopted it reaps it, it lingers as a zombie, which
     * counts as ended here.
     */
    private static boolean awaitExit(long pid, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty() || isZombie(pid)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) state ...: comm may hold spaces and parentheses, so read the state after the last ')'
            return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }

    /** A JVM that looks like a TaskManager to anyone matching on names, which stop.sh must never do. */
    private static Process startBystander() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(Bystander.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath())
                .toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        classes,
                        Bystander.class.getName(),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
