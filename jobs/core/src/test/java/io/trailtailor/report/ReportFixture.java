package io.trailtailor.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An output directory as the findings stage leaves it: findings.json from real {@link Finding}s, policy files. */
final class ReportFixture {

    static final Severity[] SEVERITIES = Severity.values();

    private ReportFixture() {}

    /** Plain Jackson with Instants as ISO-8601, the way findings.json spells them. */
    static ObjectMapper json() {
        SimpleModule times = new SimpleModule().addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        return new ObjectMapper().registerModule(times);
    }

    /** Finding {@code i}: severity cycles through all five, every 4th is a system identity, title carries HTML. */
    static Finding finding(int i, String title) {
        Severity severity = SEVERITIES[i % SEVERITIES.length];
        String ns = "ns" + (i % 3);
        String sa = "sa" + (i % 7);
        String role = "arn:aws:iam::111122223333:role/app-" + (i % 11);
        String file = "policies/workloads/prod/" + ns + "/" + sa + ".json";
        Evidence evidence = new Evidence(
                List.of(new Evidence.Granted(
                        "POLICY_STATEMENT", "app-policy", "#0", List.of("s3:*"), List.of("arn:aws:s3:::bucket/*"))),
                List.of(new Evidence.Used(
                        "s3:GetObject",
                        "arn:aws:s3:::bucket/k",
                        3,
                        Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-11-07T00:00:00Z"),
                        List.of("ev-" + i))),
                Map.of("grantedActions", 40 + i % 11, "usedActions", 1 + i % 5));
        Recommendation rec = new Recommendation(
                RecommendationKind.REPLACE_POLICY, "Replace with the tailored policy", file, null, null);
        return new Finding(
                "UNUSED_ACTIONS-" + String.format("%012d", i),
                "UNUSED_ACTIONS",
                i % 2 == 0 ? "UNUSED_PERMISSIONS" : "WILDCARD_ACTION",
                severity,
                Confidence.HIGH,
                role,
                "prod",
                ns,
                sa,
                i % 4 == 0,
                title,
                "detail " + i,
                "app-policy#0",
                List.of("s3:*"),
                evidence,
                rec,
                String.format("%064d", i),
                Finding.NEW,
                null);
    }

    static List<Finding> findings(int n) {
        List<Finding> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(finding(i, "Role uses 1 of 40 actions <b>" + i + "</b>"));
        }
        return out;
    }

    /** Writes findings.json, workloads.json and the policy file each finding names. */
    static void write(Path dir, List<Finding> findings) throws IOException {
        ObjectMapper json = json();
        Files.createDirectories(dir);
        json.writeValue(dir.resolve("findings.json").toFile(), findings);
        Files.writeString(dir.resolve("workloads.json"), "[]");
        for (Finding f : findings) {
            Path p = dir.resolve(f.recommendation().file());
            if (!Files.exists(p)) {
                Files.createDirectories(p.getParent());
                Files.writeString(p, "{\"Version\":\"2012-10-17\",\"Statement\":[]}\n");
            }
        }
    }
}
