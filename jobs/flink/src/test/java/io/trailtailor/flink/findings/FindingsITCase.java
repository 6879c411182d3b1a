package io.trailtailor.flink.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.OutputTables;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.options.AnalyzeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} end to end with the findings step: a hand-written fixture of two IAM users, one refused a call.
 * Needs the rules, findings.json, OCSF and report writers of the findings work on main.
 */
class FindingsITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/findings");

    @TempDir
    Path out;

    private JsonNode analyze(String iamSnapshot) throws Exception {
        AnalyzeOptions base = TestAnalysis.options(
                out, k -> k.cloudTrail = List.of(FIXTURE.resolve("cloudtrail").toString()));
        AnalyzeOptions options = new AnalyzeOptions(
                base.cloudTrail(),
                base.k8sAudit(),
                iamSnapshot == null ? List.of() : List.of(iamSnapshot),
                base.clusterSnapshots(),
                base.clusterOidcIssuers(),
                base.from(),
                base.to(),
                base.accounts(),
                base.regions(),
                base.out(),
                base.parallelism(),
                base.jobManager(),
                base.s3(),
                base.includeDenied(),
                base.s3PrefixThreshold(),
                base.actionWildcards(),
                base.rbacResourceNames(),
                base.includeHidden(),
                AnalyzeOptions.Findings.defaults());
        TestAnalysis.run(options);
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void withoutSnapshotsTheDeniedCallIsTheOnlyFindingAndEveryFileAgrees() throws Exception {
        JsonNode summary = analyze(null);

        JsonNode findings = JSON.readTree(out.resolve("findings.json").toFile());
        Map<String, Integer> byRule = new TreeMap<>();
        findings.forEach(f -> byRule.merge(f.path("rule").asText(), 1, Integer::sum));
        assertThat(byRule).isEqualTo(Map.of("TT-IAM-007", 1));
        assertThat(findings.get(0).path("principalArn").asText()).isEqualTo("arn:aws:iam::111122223333:user/bob");

        assertThat(summary.path("findings").asInt()).isEqualTo(findings.size());
        assertThat(summary.path("findingsByRule").path("TT-IAM-007").asInt()).isEqualTo(1);
        JsonNode bySeverity = summary.path("findingsBySeverity");
        assertThat(bySeverity.size()).isEqualTo(5);
        int sum = 0;
        for (String s : List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO")) {
            sum += bySeverity.path(s).asInt(-1);
        }
        assertThat(sum).isEqualTo(findings.size());
        assertThat(summary.path("findingsByStatus").path("new").asInt()).isEqualTo(findings.size());
        assertThat(summary.path("findingsInputsAbsent").toString())
                .isEqualTo("[\"--iam-snapshot\",\"--cluster-snapshot\",\"--credential-report\"]");
        assertThat(summary.has("grants")).isFalse();

        JsonNode ocsf = JSON.readTree(out.resolve("findings.ocsf.json").toFile());
        assertThat(ocsf.isArray()).isTrue();
        assertThat(ocsf.size()).isEqualTo(findings.size());
        assertThat(OutputTables.readTable(out.resolve(FindingRows.TABLE))).hasSize(findings.size());
        assertThat(out.resolve("report.html")).isRegularFile();
        assertThat(out.resolve("report.md")).isRegularFile();
        try (var sql = Files.list(out.resolve(AthenaDdl.DIR))) {
            assertThat(sql.count()).isEqualTo(AthenaDdl.TABLES.size());
        }
        assertThat(out.resolve(".work")).doesNotExist();
        String manifest = Files.readString(out.resolve(".trailtailor-manifest.json"));
        assertThat(manifest)
                .contains("\"findings.json\"", "\"findings.ocsf.json\"", "\"athena/findings.sql\"", "\"report.html\"");
    }

    @Test
    void anIamSnapshotIsCountedInTheSummary() throws Exception {
        JsonNode summary = analyze(FIXTURE.resolve("iam-snapshot.json").toString());

        JsonNode grants = summary.path("grants");
        assertThat(grants.path("roles").asInt(-1)).isZero();
        assertThat(grants.path("users").asInt(-1)).isEqualTo(2);
        assertThat(grants.path("managedPoliciesFromBundle").toString())
                .isEqualTo("[\"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\"]");
        assertThat(grants.path("unresolved").size()).isZero();
        assertThat(summary.path("findingsInputsAbsent").toString())
                .isEqualTo("[\"--cluster-snapshot\",\"--credential-report\"]");
        JsonNode findings = JSON.readTree(out.resolve("findings.json").toFile());
        assertThat(summary.path("findings").asInt()).isEqualTo(findings.size());
    }
}
