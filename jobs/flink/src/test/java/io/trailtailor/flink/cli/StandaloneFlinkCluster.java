package io.trailtailor.flink.cli;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real standalone Flink 1.20 session cluster on 127.0.0.1: a JobManager and a TaskManager, each its own JVM,
 * started from the Flink and Hadoop jars Maven resolved for the tests (no flink-dist is needed). Their classpath
 * holds none of trailtailor's classes, so a job submitted to it must bring everything in its job jar.
 */
final class StandaloneFlinkCluster implements AutoCloseable {

    private final Path dir;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();

    StandaloneFlinkCluster(Path dir) throws Exception {
        this.dir = dir;
        this.restPort = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(
                conf.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager: { rpc: { address: 127.0.0.1, port: " + freePort() + " }, bind-host: 127.0.0.1,"
                                + " memory: { process: { size: 768m } } }",
                        // BATCH jobs with many keyed exchanges need more network buffers than the 160 MB default
                        "taskmanager: { bind-host: 127.0.0.1, host: 127.0.0.1, numberOfTaskSlots: 2,"
                                + " memory: { process: { size: 1792m }, network: { min: 384m, max: 384m } } }",
                        "parallelism: { default: 2 }",
                        "rest: { address: 127.0.0.1, bind-address: 127.0.0.1, port: " + restPort + " }",
                        "blob: { server: { port: " + freePort() + " } }",
                        ""));
        Files.writeString(
                conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d %-5p %c{1} - %m%n",
                        ""));
        String classpath = clusterClasspath();
        List<String> jm = memoryArgs(classpath, "GET_JM_RESOURCE_PARAMS");
        List<String> tm = memoryArgs(classpath, "GET_TM_RESOURCE_PARAMS");
        start(classpath, jm, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "jobmanager");
        start(classpath, tm, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "taskmanager");
        awaitSlots(Duration.ofSeconds(90));
    }

    String restAddress() {
        return "127.0.0.1:" + restPort;
    }

    /**
     * What a Flink distribution puts on a cluster's classpath, taken from the test JVM's jars: Flink's runtime and its
     * dependencies, Hadoop (as EMR adds it), logging. Not trailtailor, and not the formats a distribution leaves to the
     * job jar (Parquet, Avro): a job must bring those, as it must on a real cluster.
     */
    private static String clusterClasspath() {
        List<String> leftToTheJobJar = List.of(
                "trailtailor",
                "/org/apache/parquet/",
                "/org/apache/avro/",
                "/flink-parquet/",
                "/flink-avro/",
                "/flink-connector-datagen/",
                "/flink-test-utils",
                "/software/amazon/");
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(entry -> leftToTheJobJar.stream().noneMatch(entry.replace('\\', '/')::contains))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The JVM and dynamic memory options Flink's launch scripts compute (BashJavaUtils). */
    private List<String> memoryArgs(String classpath, String which) throws Exception {
        Process p = new ProcessBuilder(
                        java(),
                        "-cp",
                        classpath,
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        which,
                        "--configDir",
                        dir.resolve("conf").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> lines = output.lines()
                .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()))
                .toList();
        if (lines.size() < 2) {
            throw new IllegalStateException("BashJavaUtils " + which + " said: " + output);
        }
        List<String> args = new ArrayList<>(Arrays.asList(lines.get(0).trim().split("\\s+")));
        args.add("|");
        args.addAll(Arrays.asList(lines.get(1).trim().split("\\s+")));
        return args;
    }

    private void start(String classpath, List<String> memory, String mainClass, String name) throws IOException {
        int bar = memory.indexOf("|");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(Arrays.asList(System.getProperty("flink.jdk17.opens", "").split("\\s+")).stream()
                .filter(s -> !s.isBlank())
                .toList());
        command.addAll(memory.subList(0, bar));
        command.addAll(List.of(
                "-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties"),
                "-Dlog.file=" + dir.resolve("logs/" + name + ".log"),
                "-cp",
                classpath,
                mainClass,
                "--configDir",
                dir.resolve("conf").toString()));
        command.addAll(memory.subList(bar + 1, memory.size()));
        processes.add(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/" + name + ".out").toFile())
                .start());
    }

    private void awaitSlots(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(
                                HttpRequest.newBuilder(URI.create("http://" + restAddress() + "/overview"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                if (body.contains("\"slots-total\":2")) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST endpoint is not up yet
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster process exited; see " + dir.resolve("logs"));
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "no task manager registered within " + timeout + "; see " + dir.resolve("logs"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
