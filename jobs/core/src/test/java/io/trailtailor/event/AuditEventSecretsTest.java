package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditEventSecretsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/v1/namespaces/a/pods/p/exec?command=sh&command=-c&command=echo+pw&container=c&stdin=true"
                        + "|/api/v1/namespaces/a/pods/p/exec?container=c&stdin=true",
                "/api/v1/namespaces/a/pods/p/exec?command=env|/api/v1/namespaces/a/pods/p/exec",
                "/api/v1/namespaces/a/pods/p/attach?container=c&stdout=true|/api/v1/namespaces/a/pods/p/attach?container=c&stdout=true",
                "/api/v1/namespaces/a/pods?limit=500|/api/v1/namespaces/a/pods?limit=500"
            })
    void storesExecRequestUrisWithoutTheirCommand(String uri, String stored) {
        assertThat(AuditEventParser.requestUri(uri)).isEqualTo(stored);
    }

    @Test
    void keepsOnlyCredentialEnvValuesOfTheExpectedShape() throws RejectedRecord {
        AuditEvent event = parse("""
                {"auditID": "a1", "verb": "create", "requestReceivedTimestamp": "2024-01-01T00:00:00Z",
                 "objectRef": {"resource": "pods", "namespace": "shop"},
                 "requestObject": {"kind": "Pod", "metadata": {"name": "p", "annotations": {"x": "ANNOT"}},
                   "spec": {"containers": [{"name": "c", "env": [
                       {"name": "AWS_ROLE_ARN", "value": "arn:aws:iam::111122223333:role/api"},
                       {"name": "AWS_REGION", "value": "ENV1-not-a-region"},
                       {"name": "DB_PASSWORD", "value": "ENV2"},
                       {"name": "AWS_SECRET_ACCESS_KEY", "value": "ENV3"}],
                     "envFrom": [{"secretRef": {"name": "ENV4"}}]}],
                    "initContainers": [{"name": "i", "env": [{"name": "TOKEN", "value": "ENV5"}]}],
                    "ephemeralContainers": [{"name": "e", "env": [{"name": "X", "value": "ENV6"}]}]}}}
                """);

        assertThat(event.requestObject())
                .contains("arn:aws:iam::111122223333:role/api", "\"AWS_REGION\"")
                .doesNotContain("ENV1", "ENV2", "ENV3", "ENV4", "ENV5", "ENV6", "ANNOT");
    }

    @Test
    void masksSecretsInTheFreeTextOfAnAuditEvent() throws RejectedRecord {
        AuditEvent event = parse("""
                {"auditID": "a2", "verb": "get", "requestReceivedTimestamp": "2024-01-01T00:00:00Z",
                 "userAgent": "curl/8 Authorization: Bearer UA1abcdefgh",
                 "requestURI": "/api/v1/namespaces/a/services/s/proxy/x?token=URI1",
                 "user": {"username": "u", "extra": {"accessKeyId": ["ASIAQWERTYUIOPASDFGH"], "note": ["password=EX1"]}},
                 "annotations": {"mutation.webhook/patch": "{\\"password\\":\\"AN1\\"}"}}
                """);

        assertThat(String.join(
                        " ",
                        event.userAgent(),
                        event.requestUri(),
                        event.annotations().toString()))
                .doesNotContain("UA1", "URI1", "AN1");
        assertThat(event.user().extraValue("accessKeyId")).isEqualTo("ASIAQWERTYUIOPASDFGH");
        assertThat(event.user().extra().get("note")).containsExactly("password=<removed>");
    }

    @Test
    void quarantinesASecretEventWithoutItsData() {
        String secret = "{\"kind\":\"Event\",\"verb\":\"create\",\"objectRef\":{\"resource\":\"secrets\"},"
                + "\"requestObject\":{\"kind\":\"Secret\",\"data\":{\"key\":\"REQDATA\"},"
                + "\"stringData\":{\"url\":\"REQSTRING\"}}}\n";
        CollectingSink sink = new CollectingSink();
        new LogFileReader("audit.jsonl", "c", sink)
                .read(new java.io.ByteArrayInputStream(secret.getBytes(StandardCharsets.UTF_8)));

        assertThat(sink.quarantined)
                .singleElement()
                .satisfies(q ->
                        assertThat(q.excerpt()).contains("\"kind\":\"Secret\"").doesNotContain("REQDATA", "REQSTRING"));
    }

    @Test
    void quarantinesAFileThatIsNotALogByNameAndSizeOnly() {
        String credentials = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        CollectingSink sink = new CollectingSink();
        FileReport report = new LogFileReader(".aws/credentials", null, sink)
                .read(new java.io.ByteArrayInputStream(credentials.getBytes(StandardCharsets.UTF_8)));

        assertThat(report.quarantineReason()).startsWith("not a log file (" + credentials.length() + " bytes)");
        assertThat(report.recordsRead()).isZero();
        assertThat(sink.quarantined)
                .singleElement()
                .satisfies(q -> assertThat(q.excerpt()).isNull());
    }

    private static AuditEvent parse(String json) throws RejectedRecord {
        return AuditEventParser.parse(Json.parse(json), "c", "f");
    }
}
