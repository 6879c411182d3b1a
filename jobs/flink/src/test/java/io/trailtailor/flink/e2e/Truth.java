package io.trailtailor.flink.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The generator's ground truth ({@code truth/} beside the generated logs), as the tests need it. */
final class Truth {

    static final ObjectMapper JSON = new ObjectMapper();

    /** truth/calls.jsonl.gz by eventId, in generation order. */
    final Map<String, JsonNode> calls;
    /** truth/pods.jsonl.gz by uid. */
    final Map<String, JsonNode> pods;
    /** truth/sessions.jsonl.gz by accessKeyId. */
    final Map<String, JsonNode> sessions;

    final JsonNode usage;
    final JsonNode manifest;

    private Truth(
            Map<String, JsonNode> calls,
            Map<String, JsonNode> pods,
            Map<String, JsonNode> sessions,
            JsonNode usage,
            JsonNode manifest) {
        this.calls = calls;
        this.pods = pods;
        this.sessions = sessions;
        this.usage = usage;
        this.manifest = manifest;
    }

    static Truth load(Path input) throws IOException {
        Path dir = input.resolve("truth");
        return new Truth(
                byKey(lines(dir.resolve("calls.jsonl.gz")), "eventId"),
                byKey(lines(dir.resolve("pods.jsonl.gz")), "uid"),
                byKey(lines(dir.resolve("sessions.jsonl.gz")), "accessKeyId"),
                JSON.readTree(dir.resolve("usage.json").toFile()),
                JSON.readTree(dir.resolve("manifest.json").toFile()));
    }

    static List<JsonNode> lines(Path gz) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
                MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    private static Map<String, JsonNode> byKey(List<JsonNode> rows, String key) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode n : rows) {
            JsonNode prev = out.put(n.path(key).asText(), n);
            if (prev != null) {
                throw new IllegalStateException(
                        "truth has two rows for " + key + " " + n.path(key).asText());
            }
        }
        return out;
    }

    /** The audit log clock skew of each cluster, as the generator applied it (truth/manifest.json). */
    Map<String, Duration> auditSkew() {
        Map<String, Duration> out = new HashMap<>();
        for (JsonNode c : manifest.path("clusters")) {
            out.put(
                    c.path("name").asText(),
                    Duration.ofMillis(
                            Math.round(Math.abs(c.path("auditClockSkewMillis").asDouble()))));
        }
        return out;
    }

    /** A text field, null for JSON null or absence. */
    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Instant time(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : Instant.parse(t);
    }
}
