package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.AuditUser;
import io.trailtailor.event.CallerIdentity;
import io.trailtailor.event.ObjectRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only reader from CloudTrail / audit JSON to the core records. The production parsers live in
 * {@code io.trailtailor.event} (another colleague's work); this mirrors their documented field mapping just enough
 * for identity tests.
 */
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

  static ApiCall apiCall(JsonNode r) {
    JsonNode u = r.path("userIdentity");
    JsonNode ctx = u.path("sessionContext");
    String arn = text(u, "arn");
    String sessionName = null;
    if (arn != null && arn.contains(":assumed-role/")) {
      sessionName = arn.substring(arn.lastIndexOf('/') + 1);
    }
    CallerIdentity id = new CallerIdentity(text(u, "type"), arn, text(u, "accountId"), text(u, "principalId"),
        text(u, "accessKeyId"), text(u, "userName"), text(ctx.path("sessionIssuer"), "arn"),
        text(ctx.path("sessionIssuer"), "type"), sessionName,
        text(ctx.path("webIdFederationData"), "federatedProvider") != null
            ? text(ctx.path("webIdFederationData"), "federatedProvider") : text(u, "identityProvider"),
        text(u, "invokedBy"), instant(text(ctx.path("attributes"), "creationDate")), text(ctx, "ec2RoleDelivery"),
        text(ctx, "sourceIdentity"));
    String time = text(r, "eventTime") != null ? text(r, "eventTime") : text(r, "@timestamp");
    return new ApiCall(text(r, "eventID"), Instant.parse(time), text(r, "eventVersion"), text(r, "eventSource"),
        text(r, "eventName"), text(r, "eventType"), text(r, "awsRegion"), text(r, "recipientAccountId"),
        text(r, "eventCategory"), r.has("readOnly") ? r.get("readOnly").asBoolean() : null, null,
        text(r, "errorCode"), text(r, "errorMessage"), text(r, "sourceIPAddress"), text(r, "userAgent"), id, null,
        json(r, "requestParameters"), json(r, "responseElements"), json(r, "additionalEventData"),
        text(r, "requestID"), text(r, "sharedEventID"), text(r, "vpcEndpointId"), "fixture");
  }

  static AuditEvent auditEvent(JsonNode e, String cluster) {
    JsonNode ref = e.path("objectRef");
    ObjectRef objectRef = ref.isMissingNode() ? null : new ObjectRef(text(ref, "resource"), text(ref, "subresource"),
        text(ref, "namespace"), text(ref, "name"), text(ref, "uid"), text(ref, "apiGroup"), text(ref, "apiVersion"));
    Map<String, String> annotations = new HashMap<>();
    e.path("annotations").fields().forEachRemaining(f -> annotations.put(f.getKey(), f.getValue().asText()));
    Instant received = instant(text(e, "requestReceivedTimestamp"));
    if (received == null) {
      received = instant(text(e, "timestamp"));
    }
    return new AuditEvent(text(e, "auditID"), cluster, text(e, "level"), text(e, "stage"), text(e, "verb"),
        text(e, "requestURI"), user(e.path("user")), null, null, text(e, "userAgent"), objectRef,
        e.path("responseStatus").has("code") ? e.path("responseStatus").get("code").asInt() : null, received,
        instant(text(e, "stageTimestamp")), annotations.get("authorization.k8s.io/decision"),
        annotations.get("authorization.k8s.io/reason"), annotations, json(e, "requestObject"),
        json(e, "responseObject"), "fixture");
  }

  private static AuditUser user(JsonNode u) {
    if (u.isMissingNode()) {
      return null;
    }
    List<String> groups = new ArrayList<>();
    u.path("groups").forEach(g -> groups.add(g.asText()));
    Map<String, List<String>> extra = new HashMap<>();
    u.path("extra").fields().forEachRemaining(f -> {
      List<String> values = new ArrayList<>();
      f.getValue().forEach(v -> values.add(v.asText()));
      extra.put(f.getKey(), values);
    });
    return new AuditUser(text(u, "username"), text(u, "uid"), groups, extra);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static String json(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
