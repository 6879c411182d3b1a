package io.trailtailor.flink.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.avro.QuarantinedRow;

/** One quarantine entry as a JSON line: source, position, reason, excerpt. */
public final class QuarantineJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QuarantineJson() {}

    public static String toJson(QuarantinedRow q) throws Exception {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("source", q.getSource());
        node.put("position", q.getPosition());
        node.put("reason", q.getReason());
        node.put("excerpt", q.getExcerpt());
        return MAPPER.writeValueAsString(node);
    }
}
