package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.AuditEventParser;
import io.trailtailor.event.CloudTrailRecordParser;
import io.trailtailor.event.RejectedRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads identity fixtures into core records with the production parsers of {@code io.trailtailor.event}. */
final class EventJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {}

    static JsonNode fixture(String name) {
        try (InputStream in = EventJson.class.getResourceAsStream("/fixtures/identity/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixtureText(String name) {
        return fixture(name).toString();
    }

    static ApiCall call(String fixtureName) {
        return apiCall(fixture(fixtureName));
    }

    static AuditEvent audit(String fixtureName, String cluster) {
        return auditEvent(fixture(fixtureName), cluster);
    }

    /** Through the production parser, so identity sees exactly what the pipeline will give it. */
    static ApiCall apiCall(JsonNode r) {
        ObjectNode record = r.deepCopy();
        if (!record.has("eventTime") && record.has("@timestamp")) {
            // The OTRF sample (FORMATS.md §4) went through Logstash, which left only @timestamp.
            record.put("eventTime", record.get("@timestamp").asText());
        }
        try {
            return CloudTrailRecordParser.parse(record, record.toString().getBytes(StandardCharsets.UTF_8), "fixture");
        } catch (RejectedRecord e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AuditEvent auditEvent(JsonNode e, String cluster) {
        try {
            return AuditEventParser.parse(e.deepCopy(), cluster, "fixture");
        } catch (RejectedRecord ex) {
            throw new IllegalArgumentException(ex);
        }
    }
}
