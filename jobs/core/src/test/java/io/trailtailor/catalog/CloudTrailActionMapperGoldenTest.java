package io.trailtailor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Table-driven golden cases from {@code fixtures/catalog/mapper-golden.json}. */
class CloudTrailActionMapperGoldenTest {

    private static final CloudTrailActionMapper MAPPER = CloudTrailActionMapper.create(IamCatalog.loadDefault());

    /** What the fixture compares: action, resources and origin, in order. */
    private record Expected(String action, List<String> resources, String origin) {}

    @TestFactory
    Stream<DynamicTest> mapsEachGoldenRecordToExactlyTheExpectedActions() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("fixtures/catalog/mapper-golden.json")) {
            root = CloudTrailRecords.JSON.readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.path("cases")) {
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) {
        ObjectNode record = withDefaults((ObjectNode) c.path("record").deepCopy());
        MappingResult result = MAPPER.map(CloudTrailRecords.toApiCall(record));
        JsonNode expect = c.path("expect");

        assertThat(result.status())
                .as(result.explanation())
                .hasToString(expect.path("status").asText());
        List<Expected> expected = new ArrayList<>();
        for (JsonNode a : expect.path("actions")) {
            List<String> resources = new ArrayList<>();
            a.path("resources").forEach(r -> resources.add(r.asText()));
            expected.add(new Expected(
                    a.path("action").asText(), resources, a.path("origin").asText()));
        }
        List<Expected> actual = result.actions().stream()
                .map(a -> new Expected(a.action(), a.resourceArns(), a.origin().name()))
                .toList();
        assertThat(actual)
                .as(
                        "actions; explanation: %s; notes: %s",
                        result.explanation(),
                        result.actions().stream().map(RequiredAction::note).toList())
                .containsExactlyElementsOf(expected);

        int i = 0;
        for (JsonNode a : expect.path("actions")) {
            if (a.has("noteContains")) {
                assertThat(result.actions().get(i).note())
                        .contains(a.get("noteContains").asText());
            }
            i++;
        }
        if (expect.has("explanationContains")) {
            assertThat(result.explanation())
                    .contains(expect.get("explanationContains").asText());
        }
        for (RequiredAction a : result.actions()) {
            assertThat(a.resourceArns()).allSatisfy(arn -> assertThat(arn).doesNotContain("${"));
        }
    }

    private static ObjectNode withDefaults(ObjectNode r) {
        if (!r.has("eventType")) {
            r.put("eventType", "AwsApiCall");
        }
        if (!r.has("awsRegion")) {
            r.put("awsRegion", "eu-west-1");
        }
        if (!r.has("recipientAccountId")) {
            r.put("recipientAccountId", "111122223333");
        }
        if (!r.has("userIdentity")) {
            ObjectNode id = r.putObject("userIdentity");
            id.put("type", "AssumedRole");
            id.put("arn", "arn:aws:sts::111122223333:assumed-role/app/session");
            id.put("accountId", "111122223333");
            id.putObject("sessionContext")
                    .putObject("sessionIssuer")
                    .put("type", "Role")
                    .put("arn", "arn:aws:iam::111122223333:role/app");
        }
        return r;
    }
}
