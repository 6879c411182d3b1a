package io.trailtailor.flink.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.policy.ActionUse;
import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyRenderer;
import io.trailtailor.policy.PolicySynthesizer;
import io.trailtailor.policy.PolicyTarget;
import io.trailtailor.policy.SynthesisOptions;
import io.trailtailor.policy.SynthesizedPolicy;
import io.trailtailor.policy.WideningReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * Every policy document trailtailor writes must be one the AWS SDK's policy model reads, and reading then writing
 * it must not change its meaning. Covers the core module's golden files (IAM JSON and the PolicyDocument inside each
 * CloudFormation template) and freshly synthesized policies, including a split one. Lives here because core must
 * never see the AWS SDK.
 */
class PolicyRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Path.of("../core/src/test/resources/fixtures/policy/golden");

    static Stream<Path> goldenJson() throws IOException {
        if (!Files.isDirectory(GOLDEN)) return Stream.empty();
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            return files
                    .filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().endsWith(WideningReport.SUFFIX))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void goldenFilesArePresent() throws IOException {
        assertThat(goldenJson().count()).isGreaterThanOrEqualTo(18);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenJson")
    void goldenDocumentsSurviveTheSdk(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        if (file.toString().endsWith(".cfn.json")) {
            List<JsonNode> docs = new ArrayList<>();
            root.path("Resources").forEach(r -> {
                assertThat(r.path("Type").asText()).isEqualTo("AWS::IAM::ManagedPolicy");
                docs.add(r.path("Properties").path("PolicyDocument"));
            });
            assertThat(docs).isNotEmpty();
            for (JsonNode d : docs) assertRoundTrip(JSON.writeValueAsString(d));
        } else {
            assertRoundTrip(Files.readString(file));
        }
    }

    @Test
    void synthesizedDocumentsIncludingSplitOnesSurviveTheSdk() {
        List<ActionUse> uses = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            uses.add(ActionUse.of("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/t" + i));
            uses.add(ActionUse.of("s3:GetObject", "arn:aws:s3:::bucket/p" + (i % 7) + "/k" + i));
        }
        uses.add(ActionUse.of("sts:GetCallerIdentity", "*"));
        SynthesizedPolicy p = new PolicySynthesizer(IamCatalog.loadDefault(), SynthesisOptions.defaults())
                .synthesize(PolicyTarget.role("111122223333", "bulk"), uses);
        assertThat(p.documents()).hasSizeGreaterThan(1);
        Map<String, String> files = new PolicyRenderer().render(p);
        files.forEach((path, content) -> {
            if (path.endsWith(".json") && !path.endsWith(".cfn.json") && !path.endsWith(WideningReport.SUFFIX))
                assertRoundTrip(content);
        });
    }

    private static void assertRoundTrip(String json) {
        IamPolicy parsed = IamPolicy.fromJson(json);
        assertThat(parsed.version()).isEqualTo("2012-10-17");
        String rewritten = parsed.toJson();
        // The SDK collapses one-element lists to scalars and a single statement to an object; both mean the same,
        // so compare through trailtailor's own reader, which normalizes those forms, and through the SDK model.
        assertThat(PolicyDocument.fromJson(rewritten)).isEqualTo(PolicyDocument.fromJson(json));
        assertThat(IamPolicy.fromJson(rewritten)).isEqualTo(parsed);
        assertThat(parsed.statements())
                .hasSize(PolicyDocument.fromJson(json).statements().size());
    }
}
