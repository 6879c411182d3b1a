package io.trailtailor.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a report shows, read from an output directory alone: the findings sorted (severity, then id) so the report
 * is deterministic, the resolved findings when a baseline was given, the workloads, and the content of each file a
 * recommendation names, kept once per file however many findings point at it.
 */
public final class ReportModel {

    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");

    private final List<JsonNode> findings;
    private final List<JsonNode> resolved;
    private final boolean hasBaseline;
    private final JsonNode workloads;
    private final Map<String, String> files;

    private ReportModel(
            List<JsonNode> findings,
            List<JsonNode> resolved,
            boolean hasBaseline,
            JsonNode workloads,
            Map<String, String> files) {
        this.findings = findings;
        this.resolved = resolved;
        this.hasBaseline = hasBaseline;
        this.workloads = workloads;
        this.files = files;
    }

    public static ReportModel read(Path dir, ObjectMapper json) {
        Path resolvedFile = dir.resolve("findings.resolved.json");
        List<JsonNode> findings = sorted(array(dir.resolve("findings.json"), json));
        List<JsonNode> resolved = sorted(array(resolvedFile, json));
        JsonNode workloads = Files.isRegularFile(dir.resolve("workloads.json"))
                ? readTree(dir.resolve("workloads.json"), json)
                : JsonNodeFactory.instance.arrayNode();
        Map<String, String> files = new TreeMap<>();
        Path root = dir.toAbsolutePath().normalize();
        for (JsonNode f : findings) {
            String file = text(f.path("recommendation"), "file");
            if (file == null || files.containsKey(file)) {
                continue;
            }
            Path p = root.resolve(file).normalize();
            // Only files inside the output directory: a path in findings.json never reads elsewhere.
            if (p.startsWith(root) && Files.isRegularFile(p)) {
                try {
                    files.put(file, Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new ReportModel(findings, resolved, Files.isRegularFile(resolvedFile), workloads, files);
    }

    public List<JsonNode> findings() {
        return findings;
    }

    public List<JsonNode> resolved() {
        return resolved;
    }

    public boolean hasBaseline() {
        return hasBaseline;
    }

    public Map<String, String> files() {
        return files;
    }

    /** Counts per severity, most severe first, every severity present. */
    public Map<String, Integer> severityCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        SEVERITIES.forEach(s -> counts.put(s, 0));
        findings.forEach(f -> counts.merge(f.path("severity").asText(), 1, Integer::sum));
        return counts;
    }

    /**
     * The compact form the page embeds: a string table {@code s} (each distinct short value once), the files
     * {@code files} (path to content), and per finding an array of indexes and values ({@code cols} names them).
     */
    public ObjectNode embedded() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        Map<String, Integer> strings = new LinkedHashMap<>();
        ArrayNode rows = root.putArray("f");
        for (JsonNode f : findings) {
            rows.add(row(f, strings));
        }
        ArrayNode resolvedRows = root.putArray("r");
        for (JsonNode f : resolved) {
            resolvedRows.add(row(f, strings));
        }
        root.put("baseline", hasBaseline);
        ArrayNode s = root.putArray("s");
        strings.keySet().forEach(s::add);
        ObjectNode fileNode = root.putObject("files");
        files.forEach(fileNode::put);
        root.set("workloads", workloads);
        return root;
    }

    /** Column order of one embedded row; the page reads the same list. */
    static final List<String> COLUMNS = List.of(
            "id",
            "severity",
            "confidence",
            "type",
            "rule",
            "principalArn",
            "cluster",
            "namespace",
            "serviceAccount",
            "system",
            "status",
            "title",
            "detail",
            "grant",
            "actions",
            "evidence",
            "recKind",
            "recSummary",
            "recFile",
            "patch",
            "patchFormat",
            "fingerprint",
            "muteReason");

    private static ArrayNode row(JsonNode f, Map<String, Integer> strings) {
        ArrayNode r = JsonNodeFactory.instance.arrayNode();
        JsonNode rec = f.path("recommendation");
        String file = text(rec, "file");
        String patch = text(rec, "patch");
        r.add(text(f, "id"));
        for (String key : List.of(
                "severity", "confidence", "type", "rule", "principalArn", "cluster", "namespace", "serviceAccount")) {
            r.add(index(text(f, key), strings));
        }
        r.add(f.path("system").asBoolean() ? 1 : 0);
        r.add(index(text(f, "status"), strings));
        r.add(text(f, "title"));
        r.add(text(f, "detail"));
        r.add(text(f, "grant"));
        r.add(f.path("actions").isArray() ? f.get("actions") : JsonNodeFactory.instance.arrayNode());
        r.add(f.path("evidence").isObject() ? f.get("evidence") : JsonNodeFactory.instance.objectNode());
        r.add(index(text(rec, "kind"), strings));
        r.add(text(rec, "summary"));
        r.add(index(file, strings));
        r.add(patch);
        r.add(index(text(rec, "patchFormat"), strings));
        r.add(text(f, "fingerprint"));
        r.add(text(f, "muteReason"));
        return r;
    }

    private static JsonNode index(String value, Map<String, Integer> strings) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        return JsonNodeFactory.instance.numberNode(strings.computeIfAbsent(value, v -> strings.size()));
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<JsonNode> array(Path file, ObjectMapper json) {
        List<JsonNode> out = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            readTree(file, json).forEach(out::add);
        }
        return out;
    }

    private static JsonNode readTree(Path file, ObjectMapper json) {
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<JsonNode> sorted(List<JsonNode> list) {
        list.sort(Comparator.<JsonNode>comparingInt(
                        f -> severityRank(f.path("severity").asText()))
                .thenComparing(f -> f.path("id").asText()));
        return list;
    }

    static int severityRank(String severity) {
        int i = SEVERITIES.indexOf(severity);
        return i < 0 ? SEVERITIES.size() : i;
    }
}
