package io.trailtailor.findings;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code findings.json}: the findings as an array of objects, every {@link Finding} field under its record name
 * (FINDINGS.md "Output shapes"), enums as their names, times as ISO-8601; read back for {@code --baseline}.
 * Nulls are written as {@code null}, so every object has every field.
 */
public final class FindingsJson {

    /** Jackson maps records by their components; only {@link Instant} needs telling (core has no JSR-310 module). */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new InstantWriter())
                    .addDeserializer(Instant.class, new InstantReader()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private FindingsJson() {}

    public static void write(List<Finding> findings, OutputStream out) {
        try {
            MAPPER.writeValue(out, findings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write findings.json", e);
        }
    }

    public static List<Finding> read(InputStream in) {
        try {
            return MAPPER.readValue(in, new TypeReference<List<Finding>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read findings.json", e);
        }
    }

    private static final class InstantWriter extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Instant.parse(p.getValueAsString());
        }
    }
}
