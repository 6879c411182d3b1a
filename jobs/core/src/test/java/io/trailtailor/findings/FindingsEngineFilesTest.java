package io.trailtailor.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingsEngineFilesTest {

    private static final RuleInfo INFO = new RuleInfo(
            "TT-IAM-002",
            "UNUSED_SERVICE",
            Severity.MEDIUM,
            "t",
            "d",
            List.of(RecommendationKind.REPLACE_POLICY),
            List.of());

    static Finding finding(String role, long calls) {
        return Finding.of(
                INFO,
                Severity.MEDIUM,
                Confidence.HIGH,
                Finding.Subject.principal("arn:aws:iam::111122223333:role/" + role, false)
                        .withWorkload("prod", "web", "api"),
                "Service sqs granted, never used",
                "detail",
                "app-policy",
                List.of("sqs:*"),
                new Evidence(
                        List.of(new Evidence.Granted(
                                "POLICY_STATEMENT", "app-policy", "#0", List.of("sqs:*"), List.of("*"))),
                        List.of(new Evidence.Used(
                                "s3:GetObject",
                                "arn:aws:s3:::b/k",
                                calls,
                                Instant.parse("2026-11-01T00:01:00Z"),
                                Instant.parse("2026-11-02T00:00:00Z"),
                                List.of("e1"))),
                        Map.of("windowDays", 14, "servicesUsed", List.of("s3"), "reason", "complete")),
                new Recommendation(RecommendationKind.REPLACE_POLICY, "replace", null, "{}", "json"));
    }

    @Test
    void findingsJsonRoundTripsEveryFieldWithNullsKept() throws Exception {
        List<Finding> in = List.of(finding("a", 3), finding("b", 1).withStatus(Finding.MUTED, "accepted risk"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FindingsJson.write(in, out);
        assertThat(FindingsJson.read(new ByteArrayInputStream(out.toByteArray())))
                .isEqualTo(in);
        JsonNode first = new ObjectMapper().readTree(out.toByteArray()).get(0);
        Set<String> fields = new TreeSet<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsAll(List.of(
                        "id",
                        "rule",
                        "type",
                        "severity",
                        "confidence",
                        "principalArn",
                        "cluster",
                        "namespace",
                        "serviceAccount",
                        "system",
                        "title",
                        "detail",
                        "evidence",
                        "recommendation",
                        "fingerprint",
                        "status",
                        "grant",
                        "actions",
                        "muteReason"));
        assertThat(first.get("muteReason").isNull()).isTrue();
        assertThat(first.get("recommendation").get("file").isNull()).isTrue();
        assertThat(first.get("severity").asText()).isEqualTo("MEDIUM");
        assertThat(first.at("/evidence/used/0/firstSeen").asText()).isEqualTo("2026-11-01T00:01:00Z");
    }

    @Test
    void mutesReadFromYamlOrJsonReportUnknownFingerprintsAndExpire(@TempDir Path dir) throws Exception {
        Finding f = finding("a", 1);
        Path yaml = dir.resolve("mutes.yaml");
        Files.writeString(yaml, """
                - fingerprint: %s
                  reason: accepted by security, ticket SEC-12
                - fingerprint: 0000dead
                  reason: stale
                  expires: 2026-01-01
                - reason: no fingerprint
                """.formatted(f.fingerprint()));
        Mutes m = Mutes.read(yaml);
        assertThat(m.reason(f.fingerprint())).contains("accepted by security, ticket SEC-12");
        assertThat(m.unknown(List.of(f))).containsExactly("0000dead");
        assertThat(m.problems()).hasSize(1);
        assertThat(m.reason("0000dead", Instant.parse("2026-12-01T00:00:00Z"))).isEmpty();
        Path json = dir.resolve("mutes.json");
        Files.writeString(json, "[{\"fingerprint\":\"" + f.fingerprint() + "\",\"reason\":\"ok\"}]");
        assertThat(Mutes.read(json).reason(f.fingerprint())).contains("ok");
    }

    @Test
    void baselineMarksNewUnchangedMutedAndResolvedIgnoringCounts(@TempDir Path dir) throws Exception {
        Finding kept = finding("kept", 1);
        Finding gone = finding("gone", 1);
        Path out = dir.resolve("run1");
        Files.createDirectories(out);
        try (var os = Files.newOutputStream(out.resolve("findings.json"))) {
            FindingsJson.write(List.of(kept, gone), os);
        }
        List<Finding> baseline = FindingsBaseline.read(out);
        Finding keptMoreCalls = finding("kept", 900);
        Finding fresh = finding("fresh", 1);
        Finding muted = finding("muted", 1);
        Mutes mutes = Mutes.of(List.of(new Mutes.Mute(muted.fingerprint(), "known", null)));
        FindingsBaseline.Result r = FindingsBaseline.compare(List.of(keptMoreCalls, fresh, muted), baseline, mutes);
        assertThat(r.findings())
                .extracting(Finding::principalArn, Finding::status, Finding::muteReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(keptMoreCalls.principalArn(), "unchanged", null),
                        org.assertj.core.groups.Tuple.tuple(fresh.principalArn(), "new", null),
                        org.assertj.core.groups.Tuple.tuple(muted.principalArn(), "muted", "known"));
        assertThat(r.resolved()).extracting(Finding::fingerprint).containsExactly(gone.fingerprint());
    }

    @Test
    void credentialReportParsesTheRealCsvWithItsPlaceholders() {
        String csv = "user,arn,user_creation_time,password_enabled,password_last_used,access_key_1_active,"
                + "access_key_1_last_used_date\r\n"
                + "<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,"
                + "no_information,false,N/A\r\n"
                + "\"dev, ops\",arn:aws:iam::111122223333:user/dev,2024-05-01T10:00:00+00:00,true,"
                + "2026-11-01T09:30:00+00:00,true,N/A\r\n";
        CredentialReport r = CredentialReport.parse(new StringReader(csv));
        assertThat(r.rows()).hasSize(2);
        Map<String, String> dev = r.rows().get(1);
        assertThat(dev).containsEntry("user", "dev, ops").containsEntry("access_key_1_active", "true");
        assertThat(CredentialReport.time(dev, "password_last_used")).contains(Instant.parse("2026-11-01T09:30:00Z"));
        assertThat(CredentialReport.time(dev, "access_key_1_last_used_date")).isEmpty();
        assertThat(CredentialReport.time(r.rows().get(0), "password_last_used")).isEmpty();
        assertThat(CredentialReport.flag(r.rows().get(0), "password_enabled")).isFalse();
    }
}
