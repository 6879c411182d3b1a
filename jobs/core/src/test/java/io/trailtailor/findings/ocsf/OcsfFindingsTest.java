package io.trailtailor.findings.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Severity;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OcsfFindingsTest {

    /**
     * Required attributes, from ocsf/ocsf-schema: events/base_event.json (activity_id, category_uid, class_uid,
     * severity_id, time, type_uid, metadata), events/findings/finding.json (finding_info), objects/metadata.json
     * (product, version), objects/finding_info.json (uid); iam_analysis_finding.json constraint at_least_one of
     * access_analysis_result, identity_activity_metrics, permission_analysis_results.
     */
    private static final List<String> REQUIRED = List.of(
            "activity_id",
            "category_uid",
            "class_uid",
            "severity_id",
            "time",
            "type_uid",
            "metadata",
            "finding_info",
            "metadata/product",
            "metadata/version",
            "finding_info/uid");

    private static final Instant RUN = Instant.parse("2026-12-01T12:00:00Z");

    private static Finding finding(Severity severity, Confidence confidence, String status, String principal) {
        return new Finding(
                "UNUSED_ACTIONS-abc",
                "UNUSED_ACTIONS",
                "UNUSED_PERMISSIONS",
                severity,
                confidence,
                principal,
                "prod",
                "shop",
                "cart",
                false,
                "Role uses 1 of 40 actions",
                "detail",
                "app-policy#0",
                List.of("s3:GetObject", "s3:PutObject"),
                new Evidence(
                        List.of(),
                        List.of(new Evidence.Used(
                                "s3:GetObject",
                                "arn:aws:s3:::b/k",
                                2,
                                Instant.parse("2026-11-01T00:00:00Z"),
                                Instant.parse("2026-11-05T00:00:00Z"),
                                List.of("e1"))),
                        Map.of()),
                new Recommendation(
                        RecommendationKind.REPLACE_POLICY, "Replace it", "policies/roles/1/app.json", null, null),
                "f".repeat(64),
                status,
                Finding.MUTED.equals(status) ? "accepted" : null);
    }

    private static JsonNode events(List<Finding> findings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OcsfFindings.write(findings, new OcsfFindings.Product("trailtailor", "0.1.0", "cat-1", RUN), out);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void everyEventCarriesTheSchemasRequiredAttributesAndOneAnalysisResult() throws Exception {
        JsonNode e = events(List.of(finding(Severity.HIGH, Confidence.HIGH, Finding.NEW, null)))
                .get(0);
        for (String path : REQUIRED) {
            assertThat(e.at("/" + path).isMissingNode()).as(path).isFalse();
        }
        assertThat(e.path("permission_analysis_results").get(0).path("granted_privileges"))
                .hasSize(2);
    }

    @Test
    void aFindingMapsToAnIamAnalysisFindingCreateEvent() throws Exception {
        JsonNode e = events(
                        List.of(finding(Severity.CRITICAL, Confidence.MEDIUM, Finding.NEW, "arn:aws:iam::1:role/app")))
                .get(0);
        assertThat(e.path("class_uid").asInt()).isEqualTo(2008);
        assertThat(e.path("category_uid").asInt()).isEqualTo(2);
        assertThat(e.path("type_uid").asInt()).isEqualTo(200801);
        assertThat(e.path("activity_id").asInt()).isEqualTo(1);
        assertThat(e.path("severity_id").asInt()).isEqualTo(5);
        assertThat(e.path("confidence_id").asInt()).isEqualTo(2);
        assertThat(e.path("time").asLong()).isEqualTo(RUN.toEpochMilli());
        assertThat(e.at("/metadata/version").asText()).isEqualTo("1.6.0");
        assertThat(e.at("/metadata/product/name").asText()).isEqualTo("trailtailor");
        assertThat(e.at("/finding_info/uid").asText()).isEqualTo("f".repeat(64));
        assertThat(e.at("/finding_info/types/0").asText()).isEqualTo("UNUSED_PERMISSIONS");
        assertThat(e.at("/finding_info/first_seen_time").asLong())
                .isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat(e.at("/identity_activity_metrics/last_seen_time").asLong())
                .isEqualTo(Instant.parse("2026-11-05T00:00:00Z").toEpochMilli());
        assertThat(e.at("/user/type").asText()).isEqualTo("AWS::IAM::Role");
        assertThat(e.at("/resources/0/uid").asText()).isEqualTo("arn:aws:iam::1:role/app");
        assertThat(e.at("/remediation/desc").asText()).isEqualTo("Replace it");
        assertThat(e.at("/unmapped/namespace").asText()).isEqualTo("shop");
        assertThat(e.at("/unmapped/service_account").asText()).isEqualTo("cart");
    }

    @Test
    void severityConfidenceAndStatusMapToOcsfIds() {
        int[] expected = {5, 4, 3, 2, 1};
        for (Severity s : Severity.values()) {
            assertThat(OcsfFindings.severityId(s)).as(s.name()).isEqualTo(expected[s.ordinal()]);
        }
        assertThat(OcsfFindings.confidenceId(Confidence.HIGH)).isEqualTo(3);
        assertThat(OcsfFindings.confidenceId(Confidence.LOW)).isEqualTo(1);
        assertThat(OcsfFindings.statusId(Finding.NEW)).isEqualTo(1);
        assertThat(OcsfFindings.statusId(Finding.MUTED)).isEqualTo(3);
        assertThat(OcsfFindings.statusId(Finding.UNCHANGED)).isEqualTo(99);
    }
}
