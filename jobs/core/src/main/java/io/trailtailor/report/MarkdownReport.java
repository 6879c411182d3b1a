package io.trailtailor.report;

import static io.trailtailor.report.MarkdownText.fenced;
import static io.trailtailor.report.MarkdownText.inline;
import static io.trailtailor.report.ReportModel.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.md} for tickets and pull requests: a severity table, then one section per workload, per IAM role
 * for findings not tied to a workload, and the rest; each finding with its recommendation and patch fenced.
 */
public final class MarkdownReport {

    private MarkdownReport() {}

    public static String render(ReportModel model) {
        StringBuilder b = new StringBuilder();
        b.append("# trailtailor findings\n\n");
        b.append(model.findings().size()).append(" findings.\n\n");
        b.append("| Severity | Findings |\n|---|---:|\n");
        model.severityCounts()
                .forEach((s, n) ->
                        b.append("| ").append(s).append(" | ").append(n).append(" |\n"));
        b.append('\n');
        Map<String, List<JsonNode>> workloads = new TreeMap<>();
        Map<String, List<JsonNode>> roles = new TreeMap<>();
        List<JsonNode> other = new ArrayList<>();
        for (JsonNode f : model.findings()) {
            String sa = text(f, "serviceAccount");
            String principal = text(f, "principalArn");
            if (sa != null) {
                String key = text(f, "cluster") + "/" + text(f, "namespace") + "/" + sa;
                workloads.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            } else if (principal != null) {
                roles.computeIfAbsent(principal, k -> new ArrayList<>()).add(f);
            } else {
                other.add(f);
            }
        }
        section(b, "Workloads", workloads);
        section(b, "IAM principals", roles);
        if (!other.isEmpty()) {
            b.append("## Other findings\n\n");
            other.forEach(f -> finding(b, f));
        }
        if (model.hasBaseline()) {
            b.append("## Resolved since baseline\n\n");
            if (model.resolved().isEmpty()) {
                b.append("None.\n\n");
            }
            for (JsonNode f : model.resolved()) {
                b.append("- ").append(inline(text(f, "severity"))).append(' ');
                b.append(inline(text(f, "title")))
                        .append(" (")
                        .append(inline(text(f, "id")))
                        .append(")\n");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void section(StringBuilder b, String heading, Map<String, List<JsonNode>> groups) {
        if (groups.isEmpty()) {
            return;
        }
        b.append("## ").append(heading).append("\n\n");
        groups.forEach((key, list) -> {
            b.append("### ").append(inline(key)).append("\n\n");
            list.forEach(f -> finding(b, f));
        });
    }

    private static void finding(StringBuilder b, JsonNode f) {
        b.append("#### ").append(inline(text(f, "severity"))).append(": ").append(inline(text(f, "title")));
        b.append("\n\n");
        b.append("- id: ").append(inline(text(f, "id"))).append(", type: ").append(inline(text(f, "type")));
        b.append(", confidence: ").append(inline(text(f, "confidence")));
        b.append(", status: ").append(inline(text(f, "status"))).append('\n');
        if (text(f, "principalArn") != null) {
            b.append("- principal: ").append(inline(text(f, "principalArn"))).append('\n');
        }
        if (f.path("system").asBoolean()) {
            b.append("- system identity\n");
        }
        if (text(f, "detail") != null) {
            b.append("- ").append(inline(text(f, "detail"))).append('\n');
        }
        JsonNode rec = f.path("recommendation");
        if (text(rec, "summary") != null) {
            b.append("- recommendation (").append(inline(text(rec, "kind"))).append("): ");
            b.append(inline(text(rec, "summary"))).append('\n');
        }
        if (text(rec, "file") != null) {
            b.append("- file: ").append(inline(text(rec, "file"))).append('\n');
        }
        b.append('\n');
        if (text(rec, "patch") != null) {
            b.append(fenced(text(rec, "patch"), text(rec, "patchFormat"))).append('\n');
        }
    }
}
