package io.trailtailor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The curated CloudTrail exceptions of {@code iam/cloudtrail-overrides.json}, parsed into typed rules. Event keys
 * ({@code prefix:EventName}) are matched case-insensitively. Keys starting with {@code _} are documentation.
 */
public final class MappingOverrides {

    public static final String DEFAULT_RESOURCE = "iam/cloudtrail-overrides.json";

    /** Where a value comes from: a path into requestParameters (or responseElements), optionally transformed. */
    public record Source(String path, boolean response, String transform) {}

    /** A status an event is skipped with, and why. */
    public record Skip(MappingResult.Status status, String reason) {}

    /** One action an event maps to (or, with {@code fanOut}/{@code partiql}, a rule that derives actions). */
    public record OperationAction(
            String action,
            String when,
            Map<String, List<Source>> bind,
            List<String> resourceTypes,
            List<String> arns,
            String note,
            FanOut fanOut,
            String partiqlStatementPath) {}

    /** One action per element of an array, chosen by which key the element has (DynamoDB transactions). */
    public record FanOut(String items, Map<String, String> byKey, Map<String, List<Source>> bind) {}

    /** iam:PassRole on the roles named by {@code params} (ARNs or names) or behind {@code instanceProfileParams}. */
    public record PassRoleRule(
            Set<String> events, List<String> params, List<String> instanceProfileParams, String passedToService) {}

    /** The tagging action a create needs when it carries tags. */
    public record TagOnCreateRule(
            Set<String> events,
            String action,
            String resourceType,
            List<String> arns,
            String note,
            boolean ec2TagSpecifications) {}

    private final Map<String, String> eventSourcePrefixes = new LinkedHashMap<>();
    private final Pattern versionSuffix;
    private final Map<String, String> nonApiEventTypes = new LinkedHashMap<>();
    private final Map<String, Skip> skips = new LinkedHashMap<>();
    private final Map<String, String> serviceNotes = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Source>>> bindings = new LinkedHashMap<>();
    private final Map<String, Set<String>> wildcardVariables = new LinkedHashMap<>();
    private final List<String> resourceArnParams = new ArrayList<>();
    private final Map<String, List<OperationAction>> operations = new LinkedHashMap<>();
    private final Map<String, List<OperationAction>> implied = new LinkedHashMap<>();
    private final List<PassRoleRule> passRoleRules = new ArrayList<>();
    private final List<String> tagParams = new ArrayList<>();
    private final List<TagOnCreateRule> tagOnCreateRules = new ArrayList<>();

    private MappingOverrides(JsonNode root) {
        if (root.path("formatVersion").asInt() != 1) {
            throw new IllegalArgumentException("Unsupported overrides formatVersion " + root.path("formatVersion"));
        }
        fields(root.path("eventSourcePrefixes")).forEach((k, v) -> eventSourcePrefixes.put(k, v.asText()));
        versionSuffix = Pattern.compile(
                root.path("eventNameVersionSuffix").path("pattern").asText("(?!)"));
        fields(root.path("nonApiEventTypes")).forEach((k, v) -> nonApiEventTypes.put(k, v.asText()));
        fields(root.path("skip"))
                .forEach((k, v) -> skips.put(
                        key(k),
                        new Skip(
                                MappingResult.Status.valueOf(v.path("status").asText()),
                                v.path("reason").asText())));
        fields(root.path("serviceNotes")).forEach((k, v) -> serviceNotes.put(k.toLowerCase(Locale.ROOT), v.asText()));
        fields(root.path("resourceBindings"))
                .forEach((prefix, vars) -> bindings.put(prefix.toLowerCase(Locale.ROOT), bindMap(vars)));
        resourceArnParams.addAll(strings(root.path("resourceArnParams").path("paths")));
        fields(root.path("wildcardVariables"))
                .forEach((rt, vars) -> wildcardVariables.put(key(rt), new LinkedHashSet<>(strings(vars))));
        fields(root.path("operations")).forEach((k, v) -> operations.put(key(k), operationList(v)));
        fields(root.path("implied")).forEach((k, v) -> implied.put(key(k), operationList(v)));
        for (JsonNode r : root.path("passRole").path("rules")) {
            passRoleRules.add(new PassRoleRule(
                    eventKeys(r.path("events")),
                    strings(r.path("params")),
                    strings(r.path("instanceProfileParams")),
                    text(r, "passedToService")));
        }
        tagParams.addAll(strings(root.path("tagOnCreate").path("tagParams")));
        for (JsonNode r : root.path("tagOnCreate").path("rules")) {
            tagOnCreateRules.add(new TagOnCreateRule(
                    eventKeys(r.path("events")),
                    r.path("action").asText(),
                    text(r, "resourceType"),
                    strings(r.path("arns")),
                    text(r, "note"),
                    r.path("ec2TagSpecifications").asBoolean(false)));
        }
    }

    /** The committed overrides file. */
    public static MappingOverrides loadDefault() {
        try (InputStream in = MappingOverrides.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + DEFAULT_RESOURCE);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MappingOverrides load(InputStream json) throws IOException {
        return new MappingOverrides(new ObjectMapper().readTree(json));
    }

    static String key(String eventKey) {
        return eventKey.toLowerCase(Locale.ROOT);
    }

    public Map<String, String> eventSourcePrefixes() {
        return eventSourcePrefixes;
    }

    /** The operation name without a Lambda/CloudFront API-version suffix, or empty when there is none. */
    public Optional<String> stripVersionSuffix(String eventName) {
        var m = versionSuffix.matcher(eventName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public Map<String, String> nonApiEventTypes() {
        return nonApiEventTypes;
    }

    public Optional<Skip> skip(String eventKey) {
        return Optional.ofNullable(skips.get(key(eventKey)));
    }

    public Optional<String> serviceNote(String prefix) {
        return Optional.ofNullable(serviceNotes.get(prefix));
    }

    public Map<String, List<Source>> bindings(String prefix) {
        return bindings.getOrDefault(prefix, Map.of());
    }

    /** Request fields that hold a whole resource ARN, in any service. */
    public List<String> resourceArnParams() {
        return resourceArnParams;
    }

    public Set<String> wildcardVariables(String service, String resourceType) {
        return wildcardVariables.getOrDefault(key(service + ":" + resourceType), Set.of());
    }

    public Optional<List<OperationAction>> operation(String eventKey) {
        return Optional.ofNullable(operations.get(key(eventKey)));
    }

    public List<OperationAction> implied(String actionKey) {
        return implied.getOrDefault(key(actionKey), List.of());
    }

    public List<PassRoleRule> passRoleRules() {
        return passRoleRules;
    }

    public List<String> tagParams() {
        return tagParams;
    }

    public List<TagOnCreateRule> tagOnCreateRules() {
        return tagOnCreateRules;
    }

    /** Every IAM action the file names, for the catalog consistency test. */
    public Set<String> referencedActions() {
        Set<String> out = new TreeSet<>();
        for (List<OperationAction> list : List.of(operations.values(), implied.values()).stream()
                .flatMap(c -> c.stream())
                .toList()) {
            for (OperationAction a : list) {
                if (a.action() != null) {
                    out.add(a.action());
                }
                if (a.fanOut() != null) {
                    out.addAll(a.fanOut().byKey().values());
                }
                if (a.partiqlStatementPath() != null) {
                    out.addAll(ActionResolver.PARTIQL_ACTIONS.values());
                }
            }
        }
        tagOnCreateRules.forEach(r -> out.add(r.action()));
        if (!passRoleRules.isEmpty()) {
            out.add("iam:PassRole");
        }
        return out;
    }

    /** Every event key (prefix:EventName) the file names. */
    public Set<String> referencedEventKeys() {
        Set<String> out = new TreeSet<>();
        out.addAll(skips.keySet());
        out.addAll(operations.keySet());
        out.addAll(implied.keySet());
        passRoleRules.forEach(r -> out.addAll(r.events()));
        tagOnCreateRules.forEach(r -> out.addAll(r.events()));
        return out;
    }

    /** Every resource type (service:name) the file names. */
    public Set<String> referencedResourceTypes() {
        Set<String> out = new TreeSet<>(wildcardVariables.keySet());
        tagOnCreateRules.stream()
                .filter(r -> r.resourceType() != null)
                .forEach(r -> out.add(key(r.action().substring(0, r.action().indexOf(':')) + ":" + r.resourceType())));
        return out;
    }

    private static List<OperationAction> operationList(JsonNode array) {
        List<OperationAction> out = new ArrayList<>();
        for (JsonNode a : array) {
            FanOut fanOut = null;
            if (a.has("fanOut")) {
                JsonNode f = a.get("fanOut");
                Map<String, String> byKey = new LinkedHashMap<>();
                fields(f.path("byKey")).forEach((k, v) -> byKey.put(k, v.asText()));
                fanOut = new FanOut(f.path("items").asText(), byKey, bindMap(f.path("bind")));
            }
            out.add(new OperationAction(
                    text(a, "action"),
                    text(a, "when"),
                    a.has("bind") ? bindMap(a.get("bind")) : null,
                    strings(a.path("resourceTypes")),
                    strings(a.path("arns")),
                    text(a, "note"),
                    fanOut,
                    text(a, "partiql")));
        }
        return List.copyOf(out);
    }

    private static Map<String, List<Source>> bindMap(JsonNode node) {
        Map<String, List<Source>> out = new LinkedHashMap<>();
        fields(node).forEach((var, sources) -> {
            List<Source> list = new ArrayList<>();
            for (JsonNode s : sources) {
                String path = s.isTextual() ? s.asText() : s.path("path").asText();
                String transform = s.isTextual() ? null : text(s, "transform");
                boolean response = path.startsWith("response:");
                list.add(new Source(response ? path.substring("response:".length()) : path, response, transform));
            }
            out.put(var, List.copyOf(list));
        });
        return out;
    }

    private static Set<String> eventKeys(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(key(n.asText())));
        return out;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("_")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
