package io.trailtailor.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An identity-based IAM policy document, read from and written to IAM JSON. Writing is deterministic: keys in the
 * order Version, Statement, then Sid, Effect, Action/NotAction, Resource/NotResource, Condition; Statement, Action
 * and Resource always arrays (diff-friendly), lists in the order held (the synthesizer sorts them).
 */
public record PolicyDocument(String version, List<PolicyStatement> statements) {

    public static final String VERSION = "2012-10-17";
    private static final ObjectMapper JSON = new ObjectMapper();

    public PolicyDocument {
        version = version == null ? VERSION : version;
        statements = List.copyOf(statements);
    }

    public static PolicyDocument of(List<PolicyStatement> statements) {
        return new PolicyDocument(VERSION, statements);
    }

    /** Parses IAM JSON; accepts the scalar-or-array forms IAM accepts for Statement, Action and Resource. */
    public static PolicyDocument fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<PolicyStatement> out = new ArrayList<>();
            JsonNode st = root.path("Statement");
            if (st.isObject()) out.add(statement(st));
            else st.forEach(s -> out.add(statement(s)));
            return new PolicyDocument(root.path("Version").asText(VERSION), out);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a policy document: " + e.getOriginalMessage(), e);
        }
    }

    private static PolicyStatement statement(JsonNode s) {
        Map<String, Map<String, List<String>>> cond = new LinkedHashMap<>();
        JsonNode c = s.path("Condition");
        for (Iterator<Map.Entry<String, JsonNode>> ops = c.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            Map<String, List<String>> keys = new LinkedHashMap<>();
            op.getValue().fields().forEachRemaining(k -> keys.put(k.getKey(), strings(k.getValue())));
            cond.put(op.getKey(), keys);
        }
        return new PolicyStatement(
                s.hasNonNull("Sid") ? s.get("Sid").asText() : null,
                Effect.fromJson(s.path("Effect").asText()),
                strings(s.path("Action")),
                strings(s.path("NotAction")),
                strings(s.path("Resource")),
                strings(s.path("NotResource")),
                cond);
    }

    private static List<String> strings(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return List.of();
        if (!n.isArray()) return List.of(n.asText());
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    public ObjectNode toJsonNode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("Version", version);
        ArrayNode arr = root.putArray("Statement");
        for (PolicyStatement s : statements) {
            ObjectNode o = arr.addObject();
            if (s.sid() != null) o.put("Sid", s.sid());
            o.put("Effect", s.effect().json());
            if (!s.actions().isEmpty()) strings(o.putArray("Action"), s.actions());
            else strings(o.putArray("NotAction"), s.notActions());
            if (!s.resources().isEmpty()) strings(o.putArray("Resource"), s.resources());
            else strings(o.putArray("NotResource"), s.notResources());
            if (!s.conditions().isEmpty()) {
                ObjectNode c = o.putObject("Condition");
                new java.util.TreeMap<>(s.conditions()).forEach((op, keys) -> {
                    ObjectNode k = c.putObject(op);
                    new java.util.TreeMap<>(keys).forEach((key, values) -> strings(k.putArray(key), values));
                });
            }
        }
        return root;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    /** Pretty-printed IAM JSON with a trailing newline, for files. */
    public String toJson() {
        return PrettyJson.write(toJsonNode());
    }

    /** Compact JSON: no whitespace outside strings. */
    public String toCompactJson() {
        try {
            return JSON.writeValueAsString(toJsonNode());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size IAM checks against its quotas: characters of the document, not counting whitespace. */
    public int iamSize() {
        return iamSize(toCompactJson());
    }

    /** IAM's count for any policy text: every character except whitespace. */
    public static int iamSize(String json) {
        int n = 0;
        for (int i = 0; i < json.length(); i++) if (!Character.isWhitespace(json.charAt(i))) n++;
        return n;
    }
}
