package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Lenient access to the JSON text the event records keep: bad or absent JSON reads as a missing node. */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null ? MissingNode.getInstance() : node;
    } catch (Exception e) {
      // Correlation must not fail a record over a malformed blob: what cannot be read is simply not evidence.
      return MissingNode.getInstance();
    }
  }

  /** Text at a JSON pointer, or null when absent, null or empty. */
  static String text(JsonNode node, String pointer) {
    JsonNode value = node.at(pointer);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    String s = value.isValueNode() ? value.asText() : value.toString();
    return s.isEmpty() ? null : s;
  }
}
