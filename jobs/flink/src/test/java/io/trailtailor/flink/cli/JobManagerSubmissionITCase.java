package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.deploy.StandaloneScripts;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.synthetic.Generator;
import io.trailtailor.synthetic.GeneratorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze --jobmanager} against a real standalone Flink 1.20 cluster started by the {@code deploy/standalone}
 * scripts (a JobManager and two TaskManagers, four slots): the job jar (no Flink classes in it, and none of ours on
 * the cluster) runs there at parallelism 4, spread over both TaskManagers, and writes exactly what the embedded engine
 * writes at parallelism 2.
 */
@Timeout(600)
class JobManagerSubmissionITCase {

    @TempDir
    Path dir;

    @Test
    void aClusterRunOfTheJobJarWritesWhatTheEmbeddedEngineWrites() throws Exception {
        Path fullJar = Path.of(Engines.jobJar()).resolveSibling("trailtailor.jar");
        assertThat(fullJar).as("built by `package`, before integration tests").isRegularFile();
        Path input = dir.resolve("input");
        Generator.generate(
                new GeneratorOptions("tiny", 3_000, 1, 7, Instant.parse("2026-11-01T00:00:00Z"), false), input, null);
        AnalyzeOptions options = DemoCommand.analyzeOptions(input, dir.resolve("unused"), 2);

        // as a user would: the launcher's jar, once embedded and once submitting to the cluster
        assertThat(cli(
                        fullJar,
                        analyzeArguments(options, 2),
                        "--out",
                        dir.resolve("embedded").toString()))
                .isZero();
        try (StandaloneScripts cluster = StandaloneScripts.start(dir.resolve("cluster"), 2)) {
            assertThat(cluster.started().exitCode())
                    .as(cluster.started().output())
                    .isZero();
            assertThat(cli(
                            fullJar,
                            analyzeArguments(options, 4),
                            "--out",
                            dir.resolve("remote").toString(),
                            "--jobmanager",
                            cluster.restAddress()))
                    .isZero();
        }

        JsonNode local =
                new ObjectMapper().readTree(dir.resolve("embedded/summary.json").toFile());
        JsonNode onCluster =
                new ObjectMapper().readTree(dir.resolve("remote/summary.json").toFile());
        assertThat(local.path("input").path("cloudtrailRecords").asLong()).isEqualTo(3_000);
        assertThat(onCluster.path("options").path("jobmanager").asText()).startsWith("127.0.0.1:");
        assertThat(onCluster.path("options").path("parallelism").asInt()).isEqualTo(4);
        for (String field : List.of("input", "sessions", "calls", "workloads", "roles", "policies", "rbacPrincipals")) {
            assertThat(onCluster.get(field)).as(field).isEqualTo(local.get(field));
        }
        assertThat(textFiles(dir.resolve("remote")))
                .isEqualTo(textFiles(dir.resolve("embedded")))
                .containsKey("workloads.json")
                .hasSizeGreaterThan(5);
    }

    /** The command line that analyzes what the generator wrote (the demo's inputs and clusters). */
    private static List<String> analyzeArguments(AnalyzeOptions o, int parallelism) {
        List<String> args = new ArrayList<>(List.of("analyze", "--parallelism", String.valueOf(parallelism)));
        o.cloudTrail().forEach(src -> args.addAll(List.of("--cloudtrail", src)));
        o.k8sAudit().forEach(src -> args.addAll(List.of("--k8s-audit", src)));
        o.clusterOidcIssuers().forEach(c -> args.addAll(List.of("--cluster", c)));
        return args;
    }

    /** Runs {@code java -jar trailtailor.jar ARGS}; its output goes to a log beside the outputs. */
    private int cli(Path jar, List<String> args, String... more) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Arrays.stream(System.getProperty("flink.jdk17.opens", "").split("\\s+"))
                .filter(a -> !a.isBlank())
                .forEach(command::add);
        command.addAll(List.of("-Xmx1g", "-jar", jar.toString()));
        command.addAll(args);
        command.addAll(List.of(more));
        Path log = dir.resolve("cli-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("trailtailor did not finish; see " + log);
        }
        if (p.exitValue() != 0) {
            System.err.println(Files.readString(log));
        }
        return p.exitValue();
    }

    /** Policies, RBAC and workloads.json by relative path. */
    private static Map<String, String> textFiles(Path out) throws Exception {
        Map<String, String> files = new TreeMap<>();
        for (String sub : List.of("policies", "rbac", "workloads.json")) {
            Path root = out.resolve(sub);
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    files.put(out.relativize(p).toString(), Files.readString(p));
                }
            }
        }
        return files;
    }
}
