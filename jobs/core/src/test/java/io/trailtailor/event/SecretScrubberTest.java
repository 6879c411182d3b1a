package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretScrubberTest {

    /** Free text holding a secret: the secret part must go, the rest of the text stays readable. */
    static Stream<Arguments> secretsInFreeText() {
        return Stream.of(
                Arguments.of(
                        "INI secret key", "aws_secret_access_key = MK1wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE", "MK1"),
                Arguments.of("INI session token", "aws_session_token=FwoGZXIvYXdzMK2tokenvalue", "MK2"),
                Arguments.of(".env password", "DB_PASSWORD=MK3hunter2", "MK3"),
                Arguments.of(".env quoted", "API_KEY=\"MK4abcdef\"", "MK4"),
                Arguments.of("YAML", "  password: MK5-correct", "MK5"),
                Arguments.of("JSON", "{\"clientSecret\": \"MK6xyz\", \"other\": 1", "MK6"),
                Arguments.of("escaped JSON", "{\\\"password\\\":\\\"MK7pw\\\"}", "MK7"),
                Arguments.of("query string", "GET /x?user=a&token=MK8tok&y=1", "MK8"),
                Arguments.of("bearer header", "Authorization: Bearer MK9abcdefghijk", "MK9"),
                Arguments.of("basic header", "authorization: Basic TUsxMDp1c2VyOnBhc3M=", "TUsxMDp1c2VyOnBhc3M"),
                Arguments.of("security token header", "X-Amz-Security-Token: MK11IQoJb3JpZ2luX2Vj", "MK11"),
                Arguments.of("security token query", "?X-Amz-Security-Token=MK12IQoJ&X-Amz-Date=1", "MK12"),
                Arguments.of(
                        "JWT",
                        "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJNSzEzIn0.c2lnbmF0dXJl end",
                        "eyJzdWIiOiJNSzEzIn0"),
                Arguments.of(
                        "PEM key",
                        "-----BEGIN RSA PRIVATE KEY-----\nMIIEMK14pAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
                        "MK14"),
                Arguments.of("PEM key cut off", "x\\n-----BEGIN PRIVATE KEY-----\\nMIIEMK15vQIBADANBg", "MK15"),
                Arguments.of("GitHub token", "cloned with ghp_MK16aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "MK16"),
                Arguments.of("Slack token", "notify xoxb-1234567890-MK17abcdefghij", "MK17"),
                Arguments.of("connection string", "postgres://app:MK18pw@db.internal:5432/shop", "MK18"),
                Arguments.of("ADO connection string", "Server=db;User Id=sa;Password=MK19pw;", "MK19"),
                Arguments.of("access key in prose", "key AKIAMK20EXAMPLE12345 leaked", "AKIAMK20EXAMPLE12345"),
                Arguments.of("key pair", "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMIMK21ENGbPxRfiCYEXAMPLEKEY01", "MK21"),
                Arguments.of("Secret data", "{\"kind\":\"Secret\",\"data\":{\"db\":\"TUsyMg==\"", "TUsyMg"),
                Arguments.of(
                        "last-applied Secret",
                        "\"last-applied\":\"{\\\"stringData\\\":{\\\"url\\\":\\\"MK23\\\"}}\"",
                        "MK23"),
                Arguments.of("env value", "\"env\":[{\"name\":\"DB_URL\",\"value\":\"MK24\"}]", "MK24"),
                Arguments.of(
                        "exec command", "/api/v1/namespaces/a/pods/p/exec?command=sh&command=MK25&stdin=true", "MK25"),
                Arguments.of("PEM body line", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQMK26", "MK26"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secretsInFreeText")
    void masksEveryCredentialShapeInFreeText(String shape, String text, String secret) {
        assertThat(SecretScrubber.scrubText(text)).doesNotContain(secret).contains(SecretScrubber.REMOVED);
    }

    static Stream<Arguments> textWithoutSecrets() {
        return Stream.of(
                Arguments.of("User: arn:aws:sts::111122223333:assumed-role/app/s is not authorized to perform:"
                        + " secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:1:secret:db"),
                Arguments.of("The security token included in the request is expired"),
                Arguments.of("aws-sdk-java/2.25.1 Linux/5.10 OpenJDK_64-Bit_Server_VM/17 exec-env/AWS_ECS_FARGATE"),
                Arguments.of("/api/v1/namespaces/default/pods?limit=500&resourceVersion=123"),
                Arguments.of("basic authentication failed"));
    }

    @ParameterizedTest
    @MethodSource("textWithoutSecrets")
    void leavesTextWithoutSecretsAlone(String text) {
        assertThat(SecretScrubber.scrubText(text)).isEqualTo(text);
    }

    @Test
    void dropsSecretNamedFieldsAtAnyDepthAndKeepsTheJoinKeys() {
        JsonNode node = Json.parse("""
                {"credentials": {"accessKeyId": "ASIAQWERTYUIOPASDFGH", "sessionToken": "T1", "expiration": "x"},
                 "subjectFromWebIdentityToken": "system:serviceaccount:shop:api",
                 "headers": {"X-Amz-Security-Token": "T2", "authorization": "T3", "Accept": "json"},
                 "list": [{"aws_secret_access_key": "T4"}, {"apiKey": "T5"}, {"privateKey": "T6"}],
                 "db": {"connectionString": "T7", "MasterUserPassword": "T8"},
                 "secretId": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db",
                 "userAgent": "cli password=T9"}
                """);

        SecretScrubber.scrub(node);

        String text = node.toString();
        assertThat(text).doesNotContain("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9");
        assertThat(node.at("/credentials/accessKeyId").asText()).isEqualTo("ASIAQWERTYUIOPASDFGH");
        assertThat(node.at("/credentials/expiration").asText()).isEqualTo("x");
        assertThat(node.at("/subjectFromWebIdentityToken").asText()).isEqualTo("system:serviceaccount:shop:api");
        assertThat(node.at("/headers/Accept").asText()).isEqualTo("json");
        assertThat(node.at("/secretId").asText()).endsWith(":secret:prod/db");
    }

    @Test
    void dropsEnvironmentVariableValuesButKeepsTheirNames() {
        JsonNode node = Json.parse("""
                {"functionName": "f", "environment": {"variables": {"DB_PASS": "V1"}},
                 "containerDefinitions": [{"name": "c", "environment": [{"name": "TOKEN_URL", "value": "V2"}]}],
                 "Environment": {"MODEL_KEY": "V3"}}
                """);

        SecretScrubber.scrub(node);

        assertThat(node.toString()).doesNotContain("V1", "V2", "V3").contains("TOKEN_URL", "\"functionName\":\"f\"");
    }

    @Test
    void dropsTheDataOfSecretsIncludingInsideLastAppliedConfiguration() {
        JsonNode node = Json.parse("""
                {"kind": "Secret", "data": {"a": "D1"}, "stringData": {"b": "D2"},
                 "metadata": {"name": "db", "annotations": {"kubectl.kubernetes.io/last-applied-configuration":
                   "{\\"kind\\":\\"Secret\\",\\"stringData\\":{\\"b\\":\\"D3\\"},\\"metadata\\":{\\"name\\":\\"db\\"}}"}}}
                """);

        SecretScrubber.scrub(node);

        assertThat(node.toString()).doesNotContain("D1", "D2", "D3").contains("\\\"name\\\":\\\"db\\\"");
    }

    @Test
    void leavesAWholeValueJsonStringUntouchedWhenItHoldsNoSecret() {
        String policy = "{ \"Version\": \"2012-10-17\", \"Statement\": [] }";
        assertThat(SecretScrubber.scrubValue(policy)).isSameAs(policy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secretsInFreeText")
    void masksRepeatedTextAsOnceAndFromMemory(String shape, String text, String secret) {
        String first = SecretScrubber.scrubRepeatedText(text);
        assertThat(first).isEqualTo(SecretScrubber.scrubText(text)).doesNotContain(secret);
        assertThat(SecretScrubber.scrubRepeatedText(new String(text))).isEqualTo(first);
    }

    @Test
    void remembersABoundedNumberOfRepeatedTexts() {
        for (int i = 0; i < SecretScrubber.REPEATED_TEXT_LIMIT + 10; i++) {
            String agent = "aws-cli/2." + i + " token=MK" + i;
            assertThat(SecretScrubber.scrubRepeatedText(agent)).isEqualTo("aws-cli/2." + i + " token=<removed>");
        }
        String longText = "password=MK99 " + "x".repeat(SecretScrubber.REPEATED_TEXT_MAX_LENGTH);
        assertThat(SecretScrubber.scrubRepeatedText(longText)).doesNotContain("MK99");
        assertThat(SecretScrubber.repeatedTextsRemembered()).isBetween(1, SecretScrubber.REPEATED_TEXT_LIMIT);
    }
}
