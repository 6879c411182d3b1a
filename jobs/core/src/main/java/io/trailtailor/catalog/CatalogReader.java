package io.trailtailor.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads the refresh tool's compact catalog format (version 1; layout in {@code CatalogRefresh}). A streaming parser
 * straight into records, with repeated strings (condition keys, resource type names) shared, keeps a cold load of
 * the 22,000 actions to a few hundred milliseconds.
 */
final class CatalogReader {

    static final int FORMAT_VERSION = 1;

    private final JsonParser p;
    private final Map<String, String> strings = new HashMap<>();
    private final Map<List<String>, List<String>> lists = new HashMap<>();

    private CatalogReader(JsonParser parser) {
        this.p = parser;
    }

    static LoadedIamCatalog read(InputStream gz) throws IOException {
        try (JsonParser parser =
                new JsonFactory().createParser(new GZIPInputStream(new BufferedInputStream(gz, 1 << 16), 1 << 16))) {
            return new CatalogReader(parser).readRoot();
        }
    }

    private LoadedIamCatalog readRoot() throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        int format = -1;
        String generatedOn = null;
        Map<String, String> source = new HashMap<>();
        String dependentActionsVersion = null;
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> globalKeys = new LinkedHashMap<>();
        Map<String, LoadedIamCatalog.Service> services = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.getCurrentName();
            p.nextToken();
            switch (field) {
                case "formatVersion" -> {
                    format = p.getIntValue();
                    if (format != FORMAT_VERSION) {
                        throw new IOException(
                                "Unsupported IAM catalog format " + format + ", expected " + FORMAT_VERSION);
                    }
                }
                case "generatedOn" -> generatedOn = p.getText();
                case "source" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.getCurrentName();
                        if (p.nextToken() == JsonToken.START_OBJECT) {
                            Map<String, String> nested = stringMap();
                            if (name.equals("dependentActions")) {
                                dependentActionsVersion = nested.get("version");
                            }
                        } else {
                            source.put(name, p.getText());
                        }
                    }
                }
                case "counts" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.getCurrentName();
                        p.nextToken();
                        counts.put(name, p.getIntValue());
                    }
                }
                case "globalConditionKeys" -> globalKeys.putAll(stringMap());
                case "services" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String prefix = p.getCurrentName();
                        expect(p.nextToken(), JsonToken.START_OBJECT);
                        services.put(prefix, readService(prefix));
                    }
                }
                default -> p.skipChildren(); // fields added by later generators (e.g. operations) are optional
            }
        }
        if (format != FORMAT_VERSION) {
            throw new IOException("IAM catalog has no formatVersion");
        }
        CatalogStamp stamp = new CatalogStamp(
                format,
                source.get("name"),
                source.get("version"),
                source.get("updatedAt"),
                source.get("sha256"),
                source.get("license"),
                generatedOn,
                dependentActionsVersion,
                counts.getOrDefault("services", 0),
                counts.getOrDefault("actions", 0),
                counts.getOrDefault("resourceTypes", 0),
                counts.getOrDefault("conditionKeys", 0),
                counts.getOrDefault("globalConditionKeys", 0),
                counts.getOrDefault("actionsWithDependentActions", 0));
        return new LoadedIamCatalog(stamp, services, globalKeys);
    }

    private LoadedIamCatalog.Service readService(String prefix) throws IOException {
        String name = prefix;
        Map<String, ActionInfo> actions = new LinkedHashMap<>();
        Map<String, ResourceTypeInfo> resourceTypes = new LinkedHashMap<>();
        Map<String, String> conditionKeys = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.getCurrentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = p.getText();
                case "actions" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String action = p.getCurrentName();
                        expect(p.nextToken(), JsonToken.START_OBJECT);
                        actions.put(action, readAction(prefix, action));
                    }
                }
                case "resourceTypes" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String rt = p.getCurrentName();
                        expect(p.nextToken(), JsonToken.START_OBJECT);
                        List<String> arns = List.of();
                        List<String> keys = List.of();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.getCurrentName();
                            p.nextToken();
                            switch (f) {
                                case "arn" -> arns = stringList();
                                case "ck" -> keys = stringList();
                                default -> p.skipChildren();
                            }
                        }
                        resourceTypes.put(rt, new ResourceTypeInfo(prefix, rt, arns, keys));
                    }
                }
                case "conditionKeys" -> conditionKeys = stringMap();
                default -> p.skipChildren();
            }
        }
        return new LoadedIamCatalog.Service(prefix, name, actions, resourceTypes, conditionKeys);
    }

    private ActionInfo readAction(String prefix, String name) throws IOException {
        EnumSet<AccessLevel> levels = EnumSet.noneOf(AccessLevel.class);
        List<ActionResource> resources = List.of();
        List<String> keys = List.of();
        List<String> deps = List.of();
        Optional<String> description = Optional.empty();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.getCurrentName();
            p.nextToken();
            switch (field) {
                case "lv" -> stringList().forEach(l -> levels.add(AccessLevel.fromLabel(l)));
                case "rt" -> {
                    List<ActionResource> out = new ArrayList<>();
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        p.nextToken();
                        String type = intern(p.getText());
                        p.nextToken();
                        boolean required = p.getBooleanValue();
                        p.nextToken();
                        List<String> rtKeys = stringList();
                        expect(p.nextToken(), JsonToken.END_ARRAY);
                        out.add(new ActionResource(type, required, rtKeys));
                    }
                    resources = out;
                }
                case "ck" -> keys = stringList();
                case "dep" -> deps = stringList();
                case "desc" -> description = Optional.of(p.getText());
                default -> p.skipChildren();
            }
        }
        return new ActionInfo(prefix, name, levels, resources, keys, deps, description);
    }

    /** Reads the array the parser is on; equal lists (most are) share one immutable instance. */
    private List<String> stringList() throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(intern(p.getText()));
        }
        if (out.isEmpty()) {
            return List.of();
        }
        return lists.computeIfAbsent(out, List::copyOf);
    }

    private Map<String, String> stringMap() throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        Map<String, String> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.getCurrentName();
            p.nextToken();
            out.put(key, intern(p.getText()));
        }
        return out;
    }

    private String intern(String s) {
        return strings.computeIfAbsent(s, k -> k);
    }

    private void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("Malformed IAM catalog at " + p.getCurrentLocation() + ": expected " + wanted
                    + " but found " + actual);
        }
    }
}
