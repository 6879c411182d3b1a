package io.trailtailor.flink.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.flink.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The Kubernetes descriptors under {@code deploy/} (Flink Kubernetes Operator and EMR on EKS), checked offline
 * against what would judge them on a cluster: the operator's own CRD schema (strict), Flink's own configuration
 * options, trailtailor's own command line, and each other (service account, pod labels, metrics port, image paths).
 */
class DeployDescriptorsTest {

    static final List<String> UPSTREAM = List.of(
            "kubernetes-operator/flinkdeployment-analyze.yaml", "kubernetes-operator/flinkdeployment-monitor.yaml");
    static final List<String> EMR_ON_EKS =
            List.of("emr-on-eks/flinkdeployment-analyze.yaml", "emr-on-eks/flinkdeployment-monitor.yaml");

    /** monitor's options as DESIGN.md documents them; the command that takes them is being built elsewhere. */
    static final Set<String> DOCUMENTED_MONITOR_OPTIONS = Set.of(
            "--kinesis",
            "--sqs",
            "--checkpoints",
            "--checkpoint-interval",
            "--discovery-interval",
            "--max-delay",
            "--baseline",
            "--drain");

    static Stream<String> allDeployments() {
        return Stream.concat(UPSTREAM.stream(), EMR_ON_EKS.stream());
    }

    static FlinkDeploymentSchema schemaFor(String file) {
        return file.startsWith("emr-on-eks/")
                ? FlinkDeploymentSchema.withOverlay(emrOverlay())
                : FlinkDeploymentSchema.upstream();
    }

    static JsonNode emrOverlay() {
        try (InputStream in =
                DeployDescriptorsTest.class.getResourceAsStream("/deploy/emr-on-eks-overlay.schema.json")) {
            return DeployFiles.JSON.readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("allDeployments")
    void everyFlinkDeploymentPassesTheOperatorsCrdInStrictMode(String file) {
        assertThat(schemaFor(file).validate(DeployFiles.yaml(file))).as(file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("emrOnEksFiles")
    void emrOnEksDeploymentsNeedTheOverlayBecauseTheUpstreamCrdLacksTheirFields(String file) {
        assertThat(FlinkDeploymentSchema.upstream().validate(DeployFiles.yaml(file)))
                .as(file)
                .anyMatch(e -> e.contains("emrReleaseLabel"))
                .anyMatch(e -> e.contains("executionRoleArn"))
                .anyMatch(e -> e.contains("monitoringConfiguration"));
    }

    static Stream<String> emrOnEksFiles() {
        return EMR_ON_EKS.stream();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "a misspelt field (pruned silently by the API server)",
                        edit(spec -> ((ObjectNode) spec.get("job")).set("jarUri", spec.at("/job/jarURI"))),
                        "/spec/job: property 'jarUri' is not defined in the schema"),
                Arguments.of(
                        "a Flink version the operator does not know",
                        edit(spec -> spec.put("flinkVersion", "v1_21")),
                        "/spec/flinkVersion: does not have a value in the enumeration"),
                Arguments.of(
                        "an upgrade mode in the wrong spelling",
                        edit(spec -> ((ObjectNode) spec.get("job")).put("upgradeMode", "lastState")),
                        "/spec/job/upgradeMode: does not have a value in the enumeration"),
                Arguments.of(
                        "a number where the CRD wants a string",
                        edit(spec -> ((ObjectNode) spec.at("/flinkConfiguration")).put("parallelism.default", 2)),
                        "/spec/flinkConfiguration/parallelism.default: integer found, string expected"),
                Arguments.of(
                        "an unknown field inside the pod template",
                        edit(spec -> ((ObjectNode) spec.at("/podTemplate/spec/containers/0")).put("envv", "x")),
                        "/spec/podTemplate/spec/containers/0: property 'envv'"));
    }

    private static Consumer<ObjectNode> edit(Consumer<ObjectNode> onSpec) {
        return doc -> onSpec.accept((ObjectNode) doc.get("spec"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void strictValidationReportsEachMistakeAtItsPath(String mistake, Consumer<ObjectNode> edit, String expected) {
        ObjectNode doc = (ObjectNode) DeployFiles.yaml(UPSTREAM.get(1)).deepCopy();
        edit.accept(doc);
        List<String> errors = FlinkDeploymentSchema.upstream().validate(doc);
        assertThat(errors).as(mistake).hasSize(1);
        assertThat(errors.get(0)).as(mistake).contains(expected);
    }

    @Test
    void theOperatorsCrdOnTheTestClasspathKnowsTheBuildsFlinkVersion() {
        assertThat(FlinkDeploymentSchema.flinkVersions()).contains(expectedFlinkVersion());
    }

    @ParameterizedTest
    @MethodSource("allDeployments")
    void flinkVersionIsTheBuildsFlinkVersion(String file) {
        assertThat(DeployFiles.yaml(file).at("/spec/flinkVersion").asText()).isEqualTo(expectedFlinkVersion());
    }

    /** "1.20.0" → "v1_20": from the pom's flink.version, cross-checked with the Flink on the classpath. */
    static String expectedFlinkVersion() {
        String version = System.getProperty("flink.version", EnvironmentInformation.getVersion());
        assertThat(version).isEqualTo(EnvironmentInformation.getVersion());
        String[] parts = version.split("\\.");
        return "v" + parts[0] + "_" + parts[1];
    }

    @ParameterizedTest
    @MethodSource("allDeployments")
    void everyFlinkConfigurationKeyIsAFlinkOptionAndItsValueParses(String file) {
        Map<String, String> conf = flinkConfiguration(DeployFiles.yaml(file));
        assertThat(conf).isNotEmpty();
        assertThat(FlinkOptions.onClasspath().problems(conf)).as(file).isEmpty();
    }

    @Test
    void unknownKeysAndUnparsableValuesAreReported() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("execution.checkpointing.intervall", "60s");
        conf.put("taskmanager.numberOfTaskSlots", "two");
        conf.put("execution.checkpointing.interval", "every minute");
        conf.put("state.checkpoints.dir", "s3://bucket/checkpoints"); // deprecated, still a key
        conf.put("metrics.reporter.prom.port", "9249"); // prefix family
        assertThat(FlinkOptions.onClasspath().problems(conf))
                .hasSize(3)
                .anyMatch(p -> p.startsWith("execution.checkpointing.intervall: not a Flink"))
                .anyMatch(p -> p.startsWith("taskmanager.numberOfTaskSlots: 'two' does not parse"))
                .anyMatch(p -> p.startsWith("execution.checkpointing.interval: 'every minute' does not parse"));
    }

    @Test
    void theOptionScanReadsCoreStreamingAndKubernetesOptions() {
        FlinkOptions options = FlinkOptions.onClasspath();
        assertThat(options.classes())
                .contains(
                        "org.apache.flink.configuration.CheckpointingOptions",
                        "org.apache.flink.configuration.HighAvailabilityOptions",
                        "org.apache.flink.streaming.api.environment.ExecutionCheckpointingOptions",
                        "org.apache.flink.kubernetes.configuration.KubernetesConfigOptions");
        assertThat(options.isKnown("kubernetes.rest-service.exposed.type")).isTrue();
        assertThat(options.isKnown("state.checkpoints.dir")).isTrue(); // a fallback key of execution.checkpointing.dir
        assertThat(options.size()).isGreaterThan(500);
    }

    @ParameterizedTest
    @MethodSource("allDeployments")
    void jobsRunTrailtailorsMainWithArgumentsItsCommandLineAccepts(String file) {
        JsonNode job = DeployFiles.yaml(file).at("/spec/job");
        assertThat(job.path("entryClass").asText()).isEqualTo(Main.class.getName());
        assertThat(job.path("jarURI").asText()).endsWith("/trailtailor-job.jar");
        assertCommandLineAccepts(stringList(job.path("args")));
    }

    /** analyze is parsed by the real command line; monitor's options must be the real ones or DESIGN.md's. */
    static void assertCommandLineAccepts(List<String> args) {
        assertThat(args).isNotEmpty().contains("--out");
        CommandLine cli = new CommandLine(new Main());
        CommandLine command = cli.getSubcommands().get(args.get(0));
        assertThat(command).as("subcommand " + args.get(0)).isNotNull();
        List<String> options = args.stream().filter(a -> a.startsWith("--")).toList();
        List<String> notYetBuilt = options.stream()
                .filter(o -> command.getCommandSpec().findOption(o) == null)
                .toList();
        if (args.get(0).equals("monitor")) {
            assertThat(notYetBuilt).isSubsetOf(DOCUMENTED_MONITOR_OPTIONS);
        } else {
            assertThat(notYetBuilt).isEmpty();
        }
        if (notYetBuilt.isEmpty()) {
            cli.parseArgs(args.toArray(String[]::new)); // throws on anything the command rejects
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"kubernetes-operator/flinkdeployment-monitor.yaml", "emr-on-eks/flinkdeployment-monitor.yaml"})
    void monitorKeepsStateAcrossUpgradesWithCheckpointsAndHighAvailability(String file) {
        JsonNode spec = DeployFiles.yaml(file).get("spec");
        Map<String, String> conf = flinkConfiguration(DeployFiles.yaml(file));
        assertThat(spec.at("/job/upgradeMode").asText()).isEqualTo("last-state");
        // what the operator's validator demands for last-state: a checkpoint directory and HA metadata
        assertThat(conf.get("state.checkpoints.dir")).startsWith("s3://");
        assertThat(conf.get("state.savepoints.dir")).startsWith("s3://");
        assertThat(conf).containsKey("execution.checkpointing.interval");
        boolean emr = file.startsWith("emr-on-eks/");
        if (emr) {
            assertThat(spec.at("/jobManager/highAvailabilityEnabled").asBoolean())
                    .isTrue();
            assertThat(spec.at("/jobManager/storageDir").asText()).startsWith("s3://");
        } else {
            assertThat(conf).containsEntry("high-availability.type", "kubernetes");
            assertThat(conf.get("high-availability.storageDir")).startsWith("s3://");
        }
        // the job's own --checkpoints names the same place
        List<String> args = stringList(spec.at("/job/args"));
        assertThat(args.get(args.indexOf("--checkpoints") + 1)).isEqualTo(conf.get("state.checkpoints.dir"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"kubernetes-operator/flinkdeployment-analyze.yaml", "emr-on-eks/flinkdeployment-analyze.yaml"})
    void analyzeIsAStatelessBatchRun(String file) {
        JsonNode spec = DeployFiles.yaml(file).get("spec");
        assertThat(spec.at("/job/upgradeMode").asText()).isEqualTo("stateless");
        assertThat(spec.at("/job/args/0").asText()).isEqualTo("analyze");
    }

    @ParameterizedTest
    @MethodSource("upstreamFiles")
    void upstreamDeploymentsEnableTheS3PluginOfTheBuildsFlinkAndReadIrsaCredentials(String file) {
        JsonNode doc = DeployFiles.yaml(file);
        JsonNode container = mainContainer(doc);
        assertThat(container.path("env").findValuesAsText("value"))
                .contains("flink-s3-fs-hadoop-" + EnvironmentInformation.getVersion() + ".jar");
        assertThat(container.path("env").findValuesAsText("name")).contains("ENABLE_BUILT_IN_PLUGINS");
        assertThat(flinkConfiguration(doc))
                .containsEntry(
                        "fs.s3a.aws.credentials.provider", "com.amazonaws.auth.WebIdentityTokenCredentialsProvider");
        assertThat(doc.at("/spec/image").asText()).startsWith("<REGISTRY>/trailtailor:");
    }

    static Stream<String> upstreamFiles() {
        return UPSTREAM.stream();
    }

    @Test
    void theServiceAccountTheDeploymentsNameExistsWithAnIrsaRoleAndTheRightsNativeKubernetesNeeds() {
        List<JsonNode> docs = DeployFiles.yamlDocuments("kubernetes-operator/serviceaccount.yaml");
        assertThat(docs)
                .extracting(d -> d.path("kind").asText())
                .containsExactly("ServiceAccount", "Role", "RoleBinding");
        JsonNode account = docs.get(0);
        for (String file : UPSTREAM) {
            JsonNode meta = DeployFiles.yaml(file).get("metadata");
            assertThat(DeployFiles.yaml(file).at("/spec/serviceAccount").asText())
                    .isEqualTo(account.at("/metadata/name").asText());
            assertThat(meta.path("namespace").asText())
                    .isEqualTo(account.at("/metadata/namespace").asText());
        }
        assertThat(account.at("/metadata/annotations/eks.amazonaws.com~1role-arn")
                        .asText())
                .matches("arn:aws:iam::<ACCOUNT_ID>:role/<PIPELINE_ROLE>");
        JsonNode binding = docs.get(2);
        assertThat(binding.at("/roleRef/name").asText())
                .isEqualTo(docs.get(1).at("/metadata/name").asText());
        assertThat(binding.at("/subjects/0/name").asText())
                .isEqualTo(account.at("/metadata/name").asText());
        Set<String> resources = new TreeSet<>();
        docs.get(1).path("rules").forEach(r -> r.path("resources").forEach(x -> resources.add(x.asText())));
        assertThat(resources).contains("pods", "configmaps", "deployments");
    }

    @Test
    void thePodMonitorScrapesTheMetricsPortOfEveryTrailtailorPod() {
        JsonNode monitor = DeployFiles.yaml("kubernetes-operator/podmonitor.yaml");
        assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.path("kind").asText()).isEqualTo("PodMonitor");
        String port = monitor.at("/spec/podMetricsEndpoints/0/port").asText();
        Map<String, String> selector = stringMap(monitor.at("/spec/selector/matchLabels"));
        allDeployments().forEach(file -> {
            JsonNode doc = DeployFiles.yaml(file);
            assertThat(stringMap(doc.at("/spec/podTemplate/metadata/labels")))
                    .as(file)
                    .containsAllEntriesOf(selector);
            JsonNode containerPort = null;
            for (JsonNode p : mainContainer(doc).path("ports")) {
                if (p.path("name").asText().equals(port)) {
                    containerPort = p.path("containerPort");
                }
            }
            assertThat(containerPort).as(file + " port " + port).isNotNull();
            assertThat(flinkConfiguration(doc))
                    .as(file)
                    .containsEntry("metrics.reporter.prom.port", containerPort.asText())
                    .containsEntry(
                            "metrics.reporter.prom.factory.class",
                            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        });
    }

    @Test
    void theDockerfileBuildsOnTheBuildsFlinkAndPutsTheJarWhereJarUriPoints() {
        String dockerfile = DeployFiles.text("Dockerfile");
        assertThat(dockerfile)
                .containsPattern("(?m)^FROM flink:" + Pattern.quote(EnvironmentInformation.getVersion()) + "-java17$");
        Matcher copy = Pattern.compile("(?m)^COPY .*jobs/flink/target/trailtailor-job.jar (\\S+)$")
                .matcher(dockerfile);
        assertThat(copy.find()).isTrue();
        for (String file : UPSTREAM) {
            assertThat(DeployFiles.yaml(file).at("/spec/job/jarURI").asText()).isEqualTo("local://" + copy.group(1));
        }
    }

    @Test
    void everyPlaceholderInDeployIsExplainedInItsReadme() throws IOException {
        String readme = DeployFiles.text("README.md");
        Set<String> placeholders = new TreeSet<>();
        Pattern placeholder = Pattern.compile("<([A-Z][A-Z0-9_]+)>");
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(DeployFiles.dir())) {
            for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile)
                    .filter(f ->
                            !f.toString().contains("/run/") && !f.toString().contains("/target/"))
                    .filter(f -> !f.getFileName().toString().equals("README.md"))
                    .toList()) {
                Matcher m = placeholder.matcher(java.nio.file.Files.readString(f));
                while (m.find()) {
                    placeholders.add(m.group());
                }
            }
        }
        assertThat(placeholders).contains("<ACCOUNT_ID>", "<TRAIL_BUCKET>", "<STATE_BUCKET>");
        List<String> missing = new ArrayList<>();
        for (String p : placeholders) {
            if (!readme.contains("`" + p + "`")) {
                missing.add(p);
            }
        }
        assertThat(missing).as("placeholders the README does not explain").isEmpty();
    }

    static JsonNode mainContainer(JsonNode doc) {
        for (JsonNode c : doc.at("/spec/podTemplate/spec/containers")) {
            if (c.path("name").asText().equals("flink-main-container")) {
                return c;
            }
        }
        throw new AssertionError("no flink-main-container in the pod template");
    }

    static Map<String, String> flinkConfiguration(JsonNode doc) {
        return stringMap(doc.at("/spec/flinkConfiguration"));
    }

    static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    static List<String> stringList(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
