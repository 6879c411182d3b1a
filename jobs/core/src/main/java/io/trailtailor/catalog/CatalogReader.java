package io.trailtailor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Reads the refresh tool's compact catalog format (version 1); see {@code CatalogRefresh} for the layout. */
final class CatalogReader {

  static final int FORMAT_VERSION = 1;

  private CatalogReader() {}

  static LoadedIamCatalog read(InputStream gz) throws IOException {
    JsonNode root = new ObjectMapper().readTree(new GZIPInputStream(new BufferedInputStream(gz, 1 << 16), 1 << 16));
    int format = root.path("formatVersion").asInt(-1);
    if (format != FORMAT_VERSION) {
      throw new IOException("Unsupported IAM catalog format " + format + ", expected " + FORMAT_VERSION);
    }
    Map<String, LoadedIamCatalog.Service> services = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("services").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      services.put(e.getKey(), readService(e.getKey(), e.getValue()));
    }
    Map<String, String> globalKeys = new LinkedHashMap<>();
    root.path("globalConditionKeys").fields().forEachRemaining(e -> globalKeys.put(e.getKey(), e.getValue().asText()));
    JsonNode src = root.path("source");
    JsonNode counts = root.path("counts");
    CatalogStamp stamp = new CatalogStamp(
        format,
        src.path("name").asText(),
        src.path("version").asText(),
        src.path("updatedAt").asText(),
        src.path("sha256").asText(),
        src.path("license").asText(),
        root.path("generatedOn").asText(),
        src.path("dependentActions").isMissingNode() ? null : src.path("dependentActions").path("version").asText(),
        counts.path("services").asInt(),
        counts.path("actions").asInt(),
        counts.path("resourceTypes").asInt(),
        counts.path("conditionKeys").asInt(),
        counts.path("globalConditionKeys").asInt(),
        counts.path("actionsWithDependentActions").asInt());
    return new LoadedIamCatalog(stamp, services, globalKeys);
  }

  private static LoadedIamCatalog.Service readService(String prefix, JsonNode node) {
    Map<String, ActionInfo> actions = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("actions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode a = e.getValue();
      List<ActionResource> rts = new ArrayList<>();
      for (JsonNode rt : a.path("rt")) {
        rts.add(new ActionResource(rt.get(0).asText(), rt.get(1).asBoolean(), strings(rt.get(2))));
      }
      java.util.EnumSet<AccessLevel> levels = java.util.EnumSet.noneOf(AccessLevel.class);
      for (JsonNode lv : a.path("lv")) {
        levels.add(AccessLevel.fromLabel(lv.asText()));
      }
      Optional<String> desc = a.has("desc") ? Optional.of(a.get("desc").asText()) : Optional.empty();
      actions.put(e.getKey(),
          new ActionInfo(prefix, e.getKey(), levels, rts, strings(a.get("ck")), strings(a.get("dep")), desc));
    }
    Map<String, ResourceTypeInfo> resourceTypes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("resourceTypes").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      resourceTypes.put(e.getKey(), new ResourceTypeInfo(prefix, e.getKey(), strings(e.getValue().get("arn")),
          strings(e.getValue().get("ck"))));
    }
    Map<String, String> conditionKeys = new LinkedHashMap<>();
    node.path("conditionKeys").fields().forEachRemaining(e -> conditionKeys.put(e.getKey(), e.getValue().asText()));
    return new LoadedIamCatalog.Service(prefix, node.path("name").asText(prefix), actions, resourceTypes,
        conditionKeys);
  }

  private static List<String> strings(JsonNode array) {
    if (array == null || array.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
