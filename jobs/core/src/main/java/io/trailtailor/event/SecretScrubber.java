package io.trailtailor.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes credential secrets before anything is written: records, Parquet, quarantine excerpts. CloudTrail keeps STS
 * session tokens in {@code responseElements.credentials} and whatever a caller sent in {@code requestParameters};
 * Kubernetes keeps Secrets and issued tokens in request and response objects; a file that is not a log may be a
 * credentials file. None of it may reach an output or a log.
 *
 * <p>Structured records lose every field whose name is secret ({@link SecretNames}), the {@code data} and
 * {@code stringData} of Secrets, and the values of environment variables; their other string values are masked for
 * credential shapes ({@link SecretPatterns}). An access key id that is a whole field value stays: it is not secret,
 * and it is the join key of every session. In free text every credential shape is masked, access key ids included.
 */
public final class SecretScrubber {

    /** What a masked value is replaced with. */
    public static final String REMOVED = SecretPatterns.REMOVED;

    private SecretScrubber() {}

    /** Removes secrets from {@code node} in place, at any depth. */
    public static void scrub(JsonNode node) {
        scrubNode(node);
    }

    /**
     * Masks secrets in raw text (quarantine excerpts, user agents, error messages). Text that is a whole JSON value is
     * scrubbed like a record first. Works on fragments too: a value cut off by the excerpt's end is masked up to the
     * end.
     */
    public static String scrubText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String structured = scrubIfJson(text);
        return structured != null ? structured : SecretPatterns.maskText(text);
    }

    /** Texts up to this long are remembered by {@link #scrubRepeatedText}; longer ones are rarely repeated. */
    static final int REPEATED_TEXT_MAX_LENGTH = 1024;

    static final int REPEATED_TEXT_LIMIT = 10_000;

    /** Shared by the reader threads of a JVM; bounded by starting over when full. */
    private static final Map<String, String> SCRUBBED_TEXTS = new ConcurrentHashMap<>();

    /**
     * {@link #scrubText} for free text that repeats from record to record (user agents, error messages): each distinct
     * text is masked once, as masking costs more than a lookup.
     */
    public static String scrubRepeatedText(String text) {
        if (text == null || text.isEmpty() || text.length() > REPEATED_TEXT_MAX_LENGTH) {
            return scrubText(text);
        }
        String known = SCRUBBED_TEXTS.get(text);
        if (known != null) {
            return known;
        }
        String scrubbed = scrubText(text);
        if (SCRUBBED_TEXTS.size() >= REPEATED_TEXT_LIMIT) {
            SCRUBBED_TEXTS.clear();
        }
        SCRUBBED_TEXTS.put(text, scrubbed);
        return scrubbed;
    }

    /** How many texts {@link #scrubRepeatedText} remembers now, for tests of its bound. */
    static int repeatedTextsRemembered() {
        return SCRUBBED_TEXTS.size();
    }

    /** Masks secrets in one string value of a structured record; a whole-value access key id stays. */
    public static String scrubValue(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String structured = scrubIfJson(value);
        return structured != null ? structured : SecretPatterns.maskValue(value);
    }

    /** True for a field name whose value is a credential (compared case-insensitively, separators ignored). */
    public static boolean isSecretName(String name) {
        return SecretNames.isSecret(name);
    }

    /** The scrubbed JSON when {@code text} is a whole JSON object or array (the original when clean), else null. */
    private static String scrubIfJson(String text) {
        String t = text.strip();
        if (t.length() < 2 || !((t.charAt(0) == '{' && t.endsWith("}")) || (t.charAt(0) == '[' && t.endsWith("]")))) {
            return null;
        }
        JsonNode node = Json.parse(t);
        if (node == null || !node.isContainerNode()) {
            return null;
        }
        return scrubNode(node) ? Json.write(node) : text;
    }

    /** Scrubs in place; true when anything was removed or masked. */
    private static boolean scrubNode(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            if ("Secret".equals(Json.text(object, "kind"))) {
                changed |= object.remove("data") != null;
                changed |= object.remove("stringData") != null;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (SecretNames.isSecret(field.getKey())) {
                    fields.remove();
                    changed = true;
                } else if (value.isTextual()) {
                    String masked = scrubValue(value.textValue());
                    if (!masked.equals(value.textValue())) {
                        field.setValue(TextNode.valueOf(masked));
                        changed = true;
                    }
                } else {
                    if (SecretNames.isEnvironment(field.getKey())) {
                        changed |= dropEnvironmentValues(value);
                    }
                    changed |= scrubNode(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isTextual()) {
                    String masked = scrubValue(element.textValue());
                    if (!masked.equals(element.textValue())) {
                        array.set(i, TextNode.valueOf(masked));
                        changed = true;
                    }
                } else {
                    changed |= scrubNode(element);
                }
            }
        }
        return changed;
    }

    /**
     * Environment variables hold configuration, and configuration holds passwords: their names stay, their values go.
     * Lambda writes {@code environment.variables} as a map, ECS and CodeBuild a list of {@code name}/{@code value}
     * pairs, SageMaker a map of strings.
     */
    private static boolean dropEnvironmentValues(JsonNode env) {
        boolean changed = false;
        if (env instanceof ObjectNode object) {
            List<String> remove = new ArrayList<>();
            boolean allText = object.size() > 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if ("variables".equalsIgnoreCase(field.getKey())) {
                    remove.add(field.getKey());
                }
                allText &= field.getValue().isValueNode();
            }
            if (allText && remove.isEmpty()) {
                remove.addAll(fieldNames(object));
            }
            object.remove(remove);
            changed = !remove.isEmpty();
        } else if (env instanceof ArrayNode array) {
            for (JsonNode element : array) {
                if (element instanceof ObjectNode variable) {
                    List<String> values = new ArrayList<>();
                    variable.fieldNames().forEachRemaining(name -> {
                        if ("value".equalsIgnoreCase(name)) {
                            values.add(name);
                        }
                    });
                    variable.remove(values);
                    changed |= !values.isEmpty();
                }
            }
        }
        return changed;
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
