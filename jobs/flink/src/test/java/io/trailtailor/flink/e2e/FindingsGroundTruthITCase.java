package io.trailtailor.flink.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.findings.RuleRegistry;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.synthetic.Generator;
import io.trailtailor.synthetic.GeneratorOptions;
import io.trailtailor.synthetic.Shapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings on generated data with known over-privilege: the demo's estate (every real-world shape on) with its IAM
 * and cluster snapshots and credential report, analyzed once; {@code truth/expected-findings.json} names, for each
 * deliberate case, the rule that must fire and on whom, and for the tightly scoped principals the rules that must
 * stay silent.
 */
@Timeout(300)
class FindingsGroundTruthITCase {

    private static final long EVENTS = 20_000;
    private static final long SEED = 42;
    /** Rules the generated estate has no positive case for (named, so the list can only shrink on purpose). */
    private static final Set<String> NO_GENERATED_CASE = Set.of("TT-WID-003");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(2);

    @TempDir
    static Path dir;

    static Path out;
    static JsonNode findings;
    static JsonNode truth;

    @BeforeAll
    static void generateAndAnalyze() throws Exception {
        Path input = dir.resolve("input");
        GeneratorOptions g = new GeneratorOptions(
                "eks-mixed", EVENTS, 1, SEED, Instant.parse("2026-11-01T00:00:00Z"), true, Shapes.ALL);
        Generator.generate(g, input, null);
        Generator.writeSnapshots(g, input);
        AnalyzeOptions base = EndToEndITCase.analyzeOptions(input, dir.resolve("unused"), 2);
        List<String> clusters = new ArrayList<>();
        try (var dirs = Files.list(input.resolve("snapshots/clusters"))) {
            dirs.sorted().forEach(d -> clusters.add(d.getFileName() + "=" + d));
        }
        out = dir.resolve("out");
        List<String> cloudTrail =
                new ArrayList<>(List.of(input.resolve("cloudtrail").toString()));
        if (Files.isDirectory(input.resolve("cloudtrail-shipped"))) {
            cloudTrail.add(input.resolve("cloudtrail-shipped").toString());
        }
        TestAnalysis.run(TestAnalysis.options(out, k -> {
            k.cloudTrail = cloudTrail;
            k.k8sAudit = base.k8sAudit();
            k.clusterOidcIssuers = base.clusterOidcIssuers();
            k.iamSnapshots = List.of(input.resolve("snapshots/iam").toString());
            k.clusterSnapshots = clusters;
            k.findings = new AnalyzeOptions.Findings(
                    input.resolve("snapshots/credential-report.csv").toString(), null, null, null);
        }));
        findings = Truth.JSON.readTree(out.resolve("findings.json").toFile());
        truth = Truth.JSON.readTree(
                input.resolve("truth/expected-findings.json").toFile());
    }

    @Test
    void everyDeliberateCaseFiresOnItsSubject() {
        List<String> missed = new ArrayList<>();
        for (JsonNode c : truth.path("cases")) {
            if (!anyMatches(c)) missed.add(c.toString());
        }
        System.out.printf(
                "findings: %d cases in the truth, %d findings%n",
                truth.path("cases").size(), findings.size());
        assertThat(missed).isEmpty();
    }

    @Test
    void theTightlyScopedPrincipalsStaySilent() {
        List<String> fired = new ArrayList<>();
        for (JsonNode c : truth.path("mustNotFire")) {
            if (anyMatches(c)) fired.add(c.toString());
        }
        assertThat(truth.path("mustNotFire").size()).isGreaterThanOrEqualTo(10);
        assertThat(fired).isEmpty();
    }

    @Test
    void everyRuleHasAGeneratedPositiveCaseButTheNamedOnes() {
        Set<String> covered = new TreeSet<>();
        truth.path("cases").forEach(c -> covered.add(c.path("rule").asText()));
        Set<String> rules = new TreeSet<>();
        RuleRegistry.loadDefault().entries().forEach(e -> rules.add(e.info().rule()));
        Set<String> uncovered = new TreeSet<>(rules);
        uncovered.removeAll(covered);
        assertThat(uncovered).isEqualTo(new TreeSet<>(NO_GENERATED_CASE));
    }

    @Test
    void theSummaryOcsfAndReportCountTheSameFindings() throws Exception {
        JsonNode summary = Truth.JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode ocsf = Truth.JSON.readTree(out.resolve("findings.ocsf.json").toFile());
        TreeMap<String, Integer> byRule = new TreeMap<>();
        findings.forEach(f -> byRule.merge(f.path("rule").asText(), 1, Integer::sum));
        TreeMap<String, Integer> summaryByRule = new TreeMap<>();
        summary.path("findingsByRule")
                .fields()
                .forEachRemaining(
                        e -> summaryByRule.put(e.getKey(), e.getValue().asInt()));

        assertThat(summary.path("findings").asInt()).isEqualTo(findings.size());
        assertThat(summaryByRule).isEqualTo(byRule);
        assertThat(ocsf.size()).isEqualTo(findings.size());
        assertThat(Files.readString(out.resolve("report.html"))).contains("id=\"report-data\"");
        assertThat(Files.readString(out.resolve("report.md"))).contains("\n" + findings.size() + " findings.");
        System.out.println("findings by rule: " + byRule);
    }

    /** A truth entry matches a finding of its rule whose subject fields it names agree; a binding is named in it. */
    private static boolean anyMatches(JsonNode c) {
        for (JsonNode f : findings) {
            if (!f.path("rule").asText().equals(c.path("rule").asText())) continue;
            if (!same(c, f, "principalArn") || !same(c, f, "cluster") || !same(c, f, "serviceAccount")) continue;
            // a group or user binding's finding has no namespace of its own; a workload's has
            if (!f.path("namespace").isNull() && !same(c, f, "namespace")) continue;
            String binding = c.path("binding").asText(null);
            if (binding != null && !(f.path("grant").asText() + f.path("evidence")).contains(binding)) continue;
            return true;
        }
        return false;
    }

    private static boolean same(JsonNode c, JsonNode f, String field) {
        return !c.hasNonNull(field)
                || c.path(field).asText().equals(f.path(field).asText());
    }
}
