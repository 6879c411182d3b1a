package io.trailtailor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
