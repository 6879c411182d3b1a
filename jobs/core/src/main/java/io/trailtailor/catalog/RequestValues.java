package io.trailtailor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads values out of an event's requestParameters / responseElements JSON by simple paths ({@code a.b},
 * {@code items[].name}) and applies the named transforms the overrides file refers to.
 */
final class RequestValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode request;
    private final JsonNode response;

    private RequestValues(JsonNode request, JsonNode response) {
        this.request = request;
        this.response = response;
    }

    static RequestValues of(String requestJson, String responseJson) {
        return new RequestValues(parse(requestJson), parse(responseJson));
    }

    static RequestValues of(JsonNode request) {
        return new RequestValues(request, MissingNode.getInstance());
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            // normalisation already validated the record; a malformed fragment just yields no values
            return MissingNode.getInstance();
        }
    }

    JsonNode request() {
        return request;
    }

    /** Nodes at a path; {@code []} after a segment fans out over an array. */
    List<JsonNode> nodes(String path, boolean fromResponse) {
        List<JsonNode> current = List.of(fromResponse ? response : request);
        for (String segment : path.split("\\.")) {
            boolean each = segment.endsWith("[]");
            String field = each ? segment.substring(0, segment.length() - 2) : segment;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                JsonNode child = field.isEmpty() ? node : node.get(field);
                if (child == null || child.isNull() || child.isMissingNode()) {
                    continue;
                }
                if (each && child.isArray()) {
                    child.forEach(next::add);
                } else if (!each) {
                    next.add(child);
                }
            }
            current = next;
        }
        return current;
    }

    /** Non-blank scalar request values at a path, untransformed. */
    List<String> values(String requestPath) {
        return values(new MappingOverrides.Source(requestPath, false, null));
    }

    /** Non-blank scalar values at a path, transformed; nulls from a transform are dropped. */
    List<String> values(MappingOverrides.Source source) {
        List<String> out = new ArrayList<>();
        for (JsonNode node : nodes(source.path(), source.response())) {
            if (node.isValueNode() && !node.asText().isBlank()) {
                String value = transform(source.transform(), node.asText().trim());
                if (value != null && !value.isBlank() && !out.contains(value)) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    /** True when the path names something non-empty: a non-blank value, a non-empty object or array. */
    boolean present(String path) {
        for (JsonNode node : nodes(path, false)) {
            if (node.isValueNode() ? !node.asText().isBlank() : node.size() > 0) {
                return true;
            }
        }
        return false;
    }

    static String transform(String name, String value) {
        if (name == null) {
            return value;
        }
        return switch (name) {
            case "lastPathSegment" -> {
                String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                yield v.substring(v.lastIndexOf('/') + 1);
            }
            case "stripLeadingSlash" -> value.startsWith("/") ? value.substring(1) : value;
            case "ssmPathPrefix" -> {
                String v = value.startsWith("/") ? value.substring(1) : value;
                yield v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
            }
            case "sqsQueueUrlAccount" -> urlPathSegment(value, 0);
            case "sqsQueueUrlRegion" -> sqsRegion(value);
            // an alias cannot name the key it points to: leave KeyId unfilled (resources[] usually has the key ARN)
            case "kmsKeyId" -> value.startsWith("alias/") || value.contains(":alias/") ? null : value;
            case "kmsAliasName" ->
                value.startsWith("alias/")
                        ? value.substring("alias/".length())
                        : value.startsWith("arn:") && value.contains(":alias/") ? value : null;
            // secret ARNs end in a random 6-character suffix AWS appends to the name
            case "secretsManagerSecret" -> value.startsWith("arn:") ? value : value + "-??????";
            case "lambdaFunctionName" -> {
                if (value.startsWith("arn:")) {
                    yield value;
                }
                int fn = value.indexOf("function:");
                yield fn >= 0 ? value.substring(fn + "function:".length()) : value;
            }
            case "copySourceBucket" -> copySource(value, true);
            case "copySourceKey" -> copySource(value, false);
            // "family:revision" or a task definition ARN (used whole when it matches)
            case "ecsTaskDefinitionFamily" ->
                value.startsWith("arn:") ? value : value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
            case "ecsTaskDefinitionRevision" ->
                !value.startsWith("arn:") && value.contains(":") ? value.substring(value.indexOf(':') + 1) : null;
            case "eksAssociationId", "iamPolicyName" -> value;
            default -> throw new IllegalArgumentException("Unknown transform '" + name + "' in overrides");
        };
    }

    /** {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=...]}, URL-encoded. Access-point sources: none. */
    private static String copySource(String value, boolean bucket) {
        String v = URLDecoder.decode(value, StandardCharsets.UTF_8);
        int q = v.indexOf("?versionId=");
        if (q >= 0) {
            v = v.substring(0, q);
        }
        if (v.startsWith("/")) {
            v = v.substring(1);
        }
        if (v.startsWith("arn:")) {
            return null;
        }
        int slash = v.indexOf('/');
        if (slash <= 0 || slash == v.length() - 1) {
            return null;
        }
        return bucket ? v.substring(0, slash) : v.substring(slash + 1);
    }

    private static String urlPathSegment(String url, int index) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int pathStart = url.indexOf('/', scheme + 3);
        if (pathStart < 0) {
            return null;
        }
        String[] parts = url.substring(pathStart + 1).split("/");
        return parts.length > index ? parts[index] : null;
    }

    /** {@code https://sqs.us-east-1.amazonaws.com/...} or legacy {@code https://us-east-1.queue.amazonaws.com/...}. */
    private static String sqsRegion(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        String host = url.substring(scheme + 3).split("/", 2)[0].toLowerCase(Locale.ROOT);
        String[] labels = host.split("\\.");
        if (labels.length >= 3 && labels[0].equals("sqs")) {
            return labels[1];
        }
        if (labels.length >= 3 && labels[1].equals("queue")) {
            return labels[0];
        }
        return null;
    }
}
