package io.trailtailor.grants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Policy documents as the IAM API returns them: a JSON object (what the AWS CLI prints, after botocore decodes it) or
 * a URL-encoded JSON string (what the Query API puts on the wire, and what some exporters keep).
 */
final class PolicyJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private PolicyJson() {}

    /** The document as a JSON object; a text node is URL-decoded first if it does not already look like JSON. */
    static JsonNode document(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) return null;
        if (node.isObject()) return node;
        String text = node.asText().strip();
        if (!text.startsWith("{"))
            text = URLDecoder.decode(text, StandardCharsets.UTF_8).strip();
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a policy document: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
