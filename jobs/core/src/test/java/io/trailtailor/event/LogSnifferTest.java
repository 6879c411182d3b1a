package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogSnifferTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "trail file|{\"Records\":[]}|true",
                "pretty JSON| \\n\\t{\\n  \"eventVersion\": \"1.08\"|true",
                "byte-order mark|\uFEFF{\"auditID\":\"a\"}|true",
                "JSON array|[{\"eventName\":\"x\"}]|true",
                "empty array|[ ]|true",
                "CloudWatch export line|2021-09-27T08:36:44.021Z {\"kind\": \"Event\"}|true",
                "blank|'   '|true",
                "INI credentials|[default]\\naws_access_key_id = AKIA|false",
                "dotenv|DB_PASSWORD=hunter2|false",
                "PEM key|-----BEGIN RSA PRIVATE KEY-----|false",
                "YAML|apiVersion: v1\\nkind: Secret|false",
                "README|# trailtailor|false",
                "timestamp then text|2021-09-27T08:36:44.021Z started|false",
                "brace then text|{ not json|false"
            })
    void tellsLogsFromFilesThatCannotBeLogs(String kind, String head, boolean mayBeLog) {
        byte[] bytes = head.replace("\\n", "\n").replace("\\t", "\t").getBytes(StandardCharsets.UTF_8);
        assertThat(LogSniffer.mayBeLog(bytes, bytes.length)).isEqualTo(mayBeLog);
    }

    @org.junit.jupiter.api.Test
    void takesGzipForALogWhateverItHolds() {
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0};
        assertThat(LogSniffer.mayBeLog(gzip, gzip.length)).isTrue();
    }
}
