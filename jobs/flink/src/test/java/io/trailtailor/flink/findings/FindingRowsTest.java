package io.trailtailor.flink.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Severity;
import io.trailtailor.flink.OutputTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingRowsTest {

    private static final Instant NOW = Instant.parse("2026-11-08T09:15:00Z");

    static Finding finding(String rule, String type, Severity severity, String role) {
        return new Finding(
                rule + "-abc",
                rule,
                type,
                severity,
                Confidence.HIGH,
                role,
                "prod",
                "web",
                "backend",
                false,
                "unused SQS",
                "the role never used sqs in 9 days",
                "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
                List.of("sqs:SendMessage", "sqs:DeleteQueue"),
                new Evidence(
                        List.of(new Evidence.Granted(
                                "POLICY_STATEMENT", "AmazonSQSFullAccess", "#0", List.of("sqs:*"), List.of("*"))),
                        List.of(new Evidence.Used(
                                "s3:GetObject", "arn:aws:s3:::b/k", 3, NOW, NOW, List.of("e1", "e2"))),
                        Map.of("windowDays", 9)),
                new Recommendation(
                        RecommendationKind.REPLACE_POLICY,
                        "replace the policy",
                        "policies/roles/111122223333/app.json",
                        "{}",
                        "json"),
                "f" + rule,
                Finding.NEW,
                null);
    }

    @Test
    void rowsWrittenUnderTheRunDayReadBackWithEveryColumn(@TempDir Path out) throws Exception {
        Finding a = finding("TT-IAM-002", "UNUSED_SERVICE", Severity.MEDIUM, "arn:aws:iam::111122223333:role/app");
        Finding b = finding("TT-IAM-011", "ADMIN_EQUIVALENT_GRANT", Severity.CRITICAL, null)
                .withStatus(Finding.MUTED, "accepted risk");

        Path file = FindingRows.write(out, List.of(a, b), NOW);

        assertThat(file).isEqualTo(out.resolve("parquet/findings/dt=2026-11-08/part-0.parquet"));
        assertThat(Files.list(file.getParent()).map(p -> p.getFileName().toString()))
                .containsExactly("part-0.parquet"); // no Hadoop checksum files beside it
        List<GenericRecord> rows = OutputTables.read(file);
        assertThat(rows).hasSize(2);
        GenericRecord first = rows.get(0);
        assertThat(first.get("rule")).hasToString("TT-IAM-002");
        assertThat(first.get("severity")).hasToString("MEDIUM");
        assertThat(first.get("confidence")).hasToString("HIGH");
        assertThat(first.get("principalArn")).hasToString("arn:aws:iam::111122223333:role/app");
        assertThat(first.get("serviceAccount")).hasToString("backend");
        assertThat(first.get("system")).isEqualTo(false);
        assertThat(first.get("actions").toString()).isEqualTo("[sqs:DeleteQueue, sqs:SendMessage]");
        assertThat(first.get("recommendationKind")).hasToString("REPLACE_POLICY");
        assertThat(first.get("recommendationFile")).hasToString("policies/roles/111122223333/app.json");
        assertThat(first.get("evidence").toString())
                .contains("\"source\":\"AmazonSQSFullAccess\"")
                .contains("\"firstSeen\":\"2026-11-08T09:15:00Z\"")
                .contains("\"windowDays\":9");
        assertThat(first.get("status")).hasToString("new");
        assertThat(first.get("detectedAt")).isEqualTo(NOW.toEpochMilli());
        GenericRecord second = rows.get(1);
        assertThat(second.get("principalArn")).isNull();
        assertThat(second.get("status")).hasToString("muted");
        assertThat(second.get("muteReason")).hasToString("accepted risk");
    }

    @Test
    void noFindingsWriteNoPartition(@TempDir Path out) throws Exception {
        assertThat(FindingRows.write(out, List.of(), NOW)).isNull();
        assertThat(out.resolve(FindingRows.TABLE)).doesNotExist();
    }
}
