package io.trailtailor.findings.ocsf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code findings.ocsf.json}: the findings as OCSF 1.6 "IAM Analysis Finding" events ({@code class_uid} 2008,
 * {@code type_uid} 200801) for SIEMs and Security Lake; Kubernetes specifics under {@code unmapped}.
 */
public final class OcsfFindings {

    static final int CLASS_UID = 2008;
    static final int CATEGORY_UID = 2;
    static final int ACTIVITY_CREATE = 1;

    private OcsfFindings() {}

    /** What produced the findings, as OCSF {@code metadata.product} shows it. */
    public record Product(String name, String version, String catalogVersion, Instant time) {}

    public static void write(List<Finding> findings, Product product, OutputStream out) {
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        findings.forEach(f -> events.add(event(f, product)));
        try {
            new ObjectMapper()
                    .disable(SerializationFeature.CLOSE_CLOSEABLE)
                    .configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(out, events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One finding as one event. */
    static ObjectNode event(Finding f, Product product) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("activity_id", ACTIVITY_CREATE);
        e.put("activity_name", "Create");
        e.put("category_uid", CATEGORY_UID);
        e.put("category_name", "Findings");
        e.put("class_uid", CLASS_UID);
        e.put("class_name", "IAM Analysis Finding");
        e.put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE);
        e.put("type_name", "IAM Analysis Finding: Create");
        e.put("severity_id", severityId(f.severity()));
        e.put("severity", caption(f.severity().name()));
        e.put("confidence_id", confidenceId(f.confidence()));
        e.put("confidence", caption(f.confidence().name()));
        e.put("time", product.time().toEpochMilli());
        int statusId = statusId(f.status());
        e.put("status_id", statusId);
        e.put("status", statusId == 99 ? caption(Objects.toString(f.status(), "")) : statusCaption(statusId));

        ObjectNode metadata = e.putObject("metadata");
        metadata.put("version", "1.6.0");
        metadata.put("uid", f.id());
        metadata.put("event_code", f.rule());
        ObjectNode p = metadata.putObject("product");
        p.put("name", product.name());
        p.put("vendor_name", product.name());
        p.put("version", product.version());

        ObjectNode info = e.putObject("finding_info");
        info.put("uid", f.fingerprint());
        info.put("title", f.title());
        info.put("desc", f.detail());
        info.putArray("types").add(f.type());
        Instant first = null;
        Instant last = null;
        for (Evidence.Used u : f.evidence().used()) {
            if (u.firstSeen() != null && (first == null || u.firstSeen().isBefore(first))) {
                first = u.firstSeen();
            }
            if (u.lastSeen() != null && (last == null || u.lastSeen().isAfter(last))) {
                last = u.lastSeen();
            }
        }
        if (first != null) {
            info.put("first_seen_time", first.toEpochMilli());
        }
        if (last != null) {
            info.put("last_seen_time", last.toEpochMilli());
            e.putObject("identity_activity_metrics").put("last_seen_time", last.toEpochMilli());
        }

        // Always present, so the class's "at least one of" constraint holds for every finding.
        ArrayNode results = e.putArray("permission_analysis_results");
        for (Evidence.Granted g : f.evidence().granted()) {
            ObjectNode r = results.addObject();
            r.putObject("policy").put("name", g.source());
            ArrayNode privileges = r.putArray("granted_privileges");
            g.actions().forEach(privileges::add);
        }
        if (results.isEmpty()) {
            ArrayNode privileges = results.addObject().putArray("granted_privileges");
            f.actions().forEach(privileges::add);
        }

        if (f.principalArn() != null) {
            ObjectNode user = e.putObject("user");
            user.put("uid", f.principalArn());
            user.put("type", principalType(f.principalArn()));
            ObjectNode resource = e.putArray("resources").addObject();
            resource.put("uid", f.principalArn());
            resource.put("type", principalType(f.principalArn()));
        }
        if (f.recommendation() != null) {
            ObjectNode remediation = e.putObject("remediation");
            remediation.put("desc", f.recommendation().summary());
            if (f.recommendation().file() != null) {
                remediation.putArray("references").add(f.recommendation().file());
            }
        }

        ObjectNode unmapped = e.putObject("unmapped");
        unmapped.put("rule", f.rule());
        unmapped.put("cluster", f.cluster());
        unmapped.put("namespace", f.namespace());
        unmapped.put("service_account", f.serviceAccount());
        unmapped.put("system", f.system());
        unmapped.put("grant", f.grant());
        unmapped.put("catalog_version", product.catalogVersion());
        if (f.recommendation() != null) {
            unmapped.put("recommendation_kind", f.recommendation().kind().name());
            unmapped.put("recommendation_file", f.recommendation().file());
        }
        if (f.muteReason() != null) {
            unmapped.put("mute_reason", f.muteReason());
        }
        return e;
    }

    /** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
    static int severityId(Severity s) {
        return switch (s) {
            case INFO -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    /** OCSF confidence_id: 1 Low, 2 Medium, 3 High. */
    static int confidenceId(Confidence c) {
        return switch (c) {
            case LOW -> 1;
            case MEDIUM -> 2;
            case HIGH -> 3;
        };
    }

    /** OCSF status_id: new is 1 New, muted is 3 Suppressed; unchanged has no OCSF value, so 99 Other. */
    static int statusId(String status) {
        if (Finding.NEW.equals(status) || status == null) {
            return 1;
        }
        return Finding.MUTED.equals(status) ? 3 : 99;
    }

    private static String statusCaption(int id) {
        return id == 3 ? "Suppressed" : "New";
    }

    private static String principalType(String arn) {
        if (arn.contains(":role/") || arn.contains(":assumed-role/")) {
            return "AWS::IAM::Role";
        }
        return arn.contains(":user/") ? "AWS::IAM::User" : "Other";
    }

    private static String caption(String name) {
        if (name.isEmpty()) {
            return name;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String c = Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
        return "Info".equals(c) ? "Informational" : c;
    }
}
