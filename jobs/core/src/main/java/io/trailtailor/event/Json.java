package io.trailtailor.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for lenient reads of log JSON: every field may be missing, null, or of an unexpected type. */
public final class Json {

    /** One mapper for the process: thread-safe once configured, and costly to create. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** The field as text (numbers and booleans rendered), or null when missing, null or a container. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** The value at a path of field names, or null. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(field);
        }
        return current == null || current.isNull() ? null : current;
    }

    /** The text at a path of field names, or null. */
    public static String textAt(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value == null || value.isContainerNode() ? null : value.asText();
    }

    /** A boolean field that CloudTrail writes as true/false or "true"/"false"; null when absent. */
    public static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.asText();
        return "true".equalsIgnoreCase(text) ? Boolean.TRUE : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }

    /** A list of strings from an array (or a single string), never null. */
    public static List<String> strings(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isArray()) {
            value.forEach(item -> {
                if (!item.isNull() && !item.isContainerNode()) {
                    out.add(item.asText());
                }
            });
        } else if (!value.isContainerNode()) {
            out.add(value.asText());
        }
        return out;
    }

    /** Compact JSON text of an object or array, or null for null/missing/empty-object values. */
    public static String write(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serializes", e);
        }
    }

    /** Parses JSON text to a tree, or null when the text is null or not JSON. */
    public static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Parses JSON text to a tree for reading by pointer; absent or unreadable text reads as a missing node, never
     * null: correlation must not fail a record over a malformed blob, what cannot be read is simply not evidence.
     */
    public static JsonNode tree(String text) {
        JsonNode node = parse(text);
        return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    }

    /** The text at a JSON pointer ({@code /a/b}); null when absent, null or empty; containers as their JSON. */
    public static String pointer(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String s = value.isValueNode() ? value.asText() : value.toString();
        return s.isEmpty() ? null : s;
    }

    /** Parses JSON text expected to hold an object; an empty object when it does not. */
    public static ObjectNode object(String text) {
        JsonNode node = parse(text);
        return node instanceof ObjectNode object ? object : MAPPER.createObjectNode();
    }
}
