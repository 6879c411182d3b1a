package io.trailtailor.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.CallerIdentity;
import io.trailtailor.event.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a (trimmed, real-shaped) CloudTrail record into the core ApiCall, the way the edge normaliser does. */
final class CloudTrailRecords {

    static final ObjectMapper JSON = new ObjectMapper();

    private CloudTrailRecords() {}

    /**
     * A minimal AwsApiCall by an assumed role of account 111122223333 with the given request (JSON, may be null)
     * and {@code resources[]} ARNs, for tests that build their own events.
     */
    static ObjectNode record(
            String eventSource, String eventName, String region, String requestJson, String... resourceArns) {
        ObjectNode r = JSON.createObjectNode();
        r.put("eventSource", eventSource)
                .put("eventName", eventName)
                .put("eventType", "AwsApiCall")
                .put("awsRegion", region)
                .put("recipientAccountId", "111122223333");
        r.putObject("userIdentity").put("type", "AssumedRole").put("accountId", "111122223333");
        if (requestJson != null) {
            try {
                r.set("requestParameters", JSON.readTree(requestJson));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Bad request JSON in a test: " + requestJson, e);
            }
        }
        if (resourceArns.length > 0) {
            ArrayNode resources = r.putArray("resources");
            for (String arn : resourceArns) {
                resources.addObject().put("ARN", arn);
            }
        }
        return r;
    }

    /** The event of {@link #record} as the mapping stages see it, under the prefix and name given. */
    static MappingEvent event(String prefix, String eventName, String region, String requestJson, String... arns) {
        ApiCall call = toApiCall(record(prefix + ".amazonaws.com", eventName, region, requestJson, arns));
        return MappingEvent.of(
                call, prefix, eventName, RequestValues.of(call.requestParameters(), call.responseElements()));
    }

    static ApiCall toApiCall(JsonNode r) {
        JsonNode id = r.path("userIdentity");
        CallerIdentity identity = new CallerIdentity(
                text(id, "type"),
                text(id, "arn"),
                text(id, "accountId"),
                text(id, "principalId"),
                text(id, "accessKeyId"),
                text(id, "userName"),
                text(id.path("sessionContext").path("sessionIssuer"), "arn"),
                text(id.path("sessionContext").path("sessionIssuer"), "type"),
                null,
                null,
                text(id, "invokedBy"),
                null,
                null,
                null);
        List<ResourceRef> resources = new ArrayList<>();
        for (JsonNode res : r.path("resources")) {
            resources.add(new ResourceRef(text(res, "type"), text(res, "ARN"), text(res, "accountId")));
        }
        return new ApiCall(
                r.path("eventID").asText("00000000-0000-0000-0000-000000000000"),
                Instant.parse(r.path("eventTime").asText("2026-11-01T12:00:00Z")),
                r.path("eventVersion").asText("1.09"),
                r.path("eventSource").asText(),
                r.path("eventName").asText(),
                text(r, "eventType"),
                text(r, "awsRegion"),
                text(r, "recipientAccountId"),
                text(r, "eventCategory"),
                r.has("readOnly") ? r.get("readOnly").asBoolean() : null,
                r.has("managementEvent") ? r.get("managementEvent").asBoolean() : null,
                text(r, "errorCode"),
                text(r, "errorMessage"),
                text(r, "sourceIPAddress"),
                text(r, "userAgent"),
                identity,
                resources,
                json(r.get("requestParameters")),
                json(r.get("responseElements")),
                json(r.get("additionalEventData")),
                text(r, "requestID"),
                text(r, "sharedEventID"),
                text(r, "vpcEndpointId"),
                "fixture");
    }

    private static String json(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
