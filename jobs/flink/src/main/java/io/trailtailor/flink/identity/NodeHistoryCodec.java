package io.trailtailor.flink.identity;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trailtailor.identity.NodeHistory;

/**
 * A node's folded history as JSON of its fields, so it lives in Flink state (checkpointed, restored) rather than in
 * a task's map: a node sees thousands of kubelet requests, and keeping the fold is far smaller than keeping them.
 */
final class NodeHistoryCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
            .addMixIn(NodeHistory.class, Creator.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Tells Jackson to build a history through its (cluster, node name) constructor, then fill the other fields. */
    abstract static class Creator {
        @JsonCreator
        Creator(@JsonProperty("cluster") String cluster, @JsonProperty("nodeName") String nodeName) {}
    }

    private NodeHistoryCodec() {}

    static String write(NodeHistory history) {
        try {
            return MAPPER.writeValueAsString(history);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a node history", e);
        }
    }

    static NodeHistory read(String json) {
        try {
            return MAPPER.readValue(json, NodeHistory.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot decode a node history", e);
        }
    }
}
