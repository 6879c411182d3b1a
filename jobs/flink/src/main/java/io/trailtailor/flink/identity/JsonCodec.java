package io.trailtailor.flink.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.NodeIdentity;
import io.trailtailor.identity.PodLifetime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Carries the core's identity records (sessions, pod lifetimes, node identities) between operators as JSON text.
 * They are few next to the calls, and text keeps them out of Kryo without an Avro twin for each record.
 */
final class JsonCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Types whose decoded values are immutable records (lists copied with {@code List.copyOf}), so one decoding can
     * serve every reader. The joins decode the same session, pod or node text once per call that meets it: a node
     * with hundreds of pods and thousands of calls spent more time in Jackson than in attribution.
     */
    private static final Set<Class<?>> SHAREABLE =
            Set.of(CredentialSession.class, PodLifetime.class, NodeIdentity.class, SessionWithPods.class);

    /** Decoded values kept per thread and type; the least recently used goes first. */
    static final int DECODED_PER_TYPE = 2048;

    private static final ThreadLocal<Map<Class<?>, Map<String, Object>>> DECODED =
            ThreadLocal.withInitial(HashMap::new);

    private JsonCodec() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        if (!SHAREABLE.contains(type)) {
            return decode(json, type);
        }
        Map<String, Object> decoded = DECODED.get().computeIfAbsent(type, t -> recentlyUsed());
        Object value = decoded.get(json);
        if (value == null) {
            value = decode(json, type);
            decoded.put(json, value);
        }
        return type.cast(value);
    }

    private static Map<String, Object> recentlyUsed() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > DECODED_PER_TYPE;
            }
        };
    }

    private static <T> T decode(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot decode " + type.getSimpleName(), e);
        }
    }
}
