package io.trailtailor.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps of an audit event's request and response objects only what correlation needs, and only for the kinds it
 * needs: pods (who runs where, with which service account and which AWS credential), bindings (pod → node), nodes
 * (node → EC2 instance), service-account token requests (audience, bound pod) and service accounts (their IRSA role
 * annotation only). Everything else in those objects
 * (container images, commands, config, most env values) is dropped at the edge: it is not ours to store, and env
 * values in particular can hold secrets.
 */
public final class AuditObjectPruner {

    /**
     * Env vars that tell which AWS credential a pod is set up for, each with the shape its value must have; no other
     * env value is kept, and a value of another shape is dropped (the name stays): whatever a manifest puts there, only
     * a role ARN, a file path, a credentials URL or a region name can come out.
     */
    static final Map<String, Pattern> AWS_CREDENTIAL_ENV = Map.of(
            "AWS_ROLE_ARN", Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}"),
            "AWS_WEB_IDENTITY_TOKEN_FILE", Pattern.compile("/[\\w./-]{1,256}"),
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", Pattern.compile("https?://[\\w.:\\[\\]-]{1,64}(/[\\w./-]{0,128})?"),
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", Pattern.compile("/[\\w./-]{1,256}"),
            "AWS_REGION", Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d"),
            "AWS_DEFAULT_REGION", Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d"),
            "AWS_STS_REGIONAL_ENDPOINTS", Pattern.compile("regional|legacy"));

    private static final Keep ALL = new Keep(Map.of());

    private static final Keep METADATA = Keep.of(Map.of(
            "name",
            ALL,
            "namespace",
            ALL,
            "uid",
            ALL,
            "generateName",
            ALL,
            "creationTimestamp",
            ALL,
            "deletionTimestamp",
            ALL,
            "labels",
            ALL,
            "ownerReferences",
            ALL));

    private static final Keep CONTAINERS = Keep.of(Map.of("name", ALL, "env", ALL));

    private static final Keep POD = object(
            METADATA,
            Map.of(
                    "spec",
                    Keep.of(Map.of(
                            "serviceAccountName",
                            ALL,
                            "serviceAccount",
                            ALL,
                            "nodeName",
                            ALL,
                            "hostNetwork",
                            ALL,
                            "automountServiceAccountToken",
                            ALL,
                            "containers",
                            CONTAINERS,
                            "initContainers",
                            CONTAINERS,
                            "volumes",
                            Keep.of(Map.of(
                                    "name",
                                    ALL,
                                    "projected",
                                    Keep.of(Map.of("sources", Keep.of(Map.of("serviceAccountToken", ALL)))))))),
                    "status",
                    Keep.of(Map.of("phase", ALL, "podIP", ALL, "podIPs", ALL, "hostIP", ALL, "startTime", ALL))));

    private static final Keep BINDING = object(METADATA, Map.of("target", ALL));

    private static final Keep NODE = object(
            METADATA, Map.of("spec", Keep.of(Map.of("providerID", ALL)), "status", Keep.of(Map.of("addresses", ALL))));

    private static final Keep TOKEN_REQUEST = object(
            METADATA,
            Map.of(
                    "spec",
                    Keep.of(Map.of("audiences", ALL, "boundObjectRef", ALL, "expirationSeconds", ALL)),
                    "status",
                    Keep.of(Map.of("expirationTimestamp", ALL))));

    /** A service account: only its IRSA role annotation, which names the role its pods get. */
    private static final Keep SERVICE_ACCOUNT = object(
            Keep.of(Map.of(
                    "name",
                    ALL,
                    "namespace",
                    ALL,
                    "uid",
                    ALL,
                    "annotations",
                    Keep.of(Map.of("eks.amazonaws.com/role-arn", ALL)))),
            Map.of());

    private AuditObjectPruner() {}

    /** A Kubernetes object: its kind and apiVersion, this metadata, and these further fields. */
    private static Keep object(Keep metadata, Map<String, Keep> fields) {
        Map<String, Keep> all = new HashMap<>(fields);
        all.put("kind", ALL);
        all.put("apiVersion", ALL);
        all.put("metadata", metadata);
        return Keep.of(Map.copyOf(all));
    }

    /** The pruned object as JSON text, or null when this kind of event keeps no objects. */
    public static String prune(ObjectRef ref, JsonNode object) {
        if (ref == null || object == null || !object.isObject()) {
            return null;
        }
        Keep keep = keepFor(ref, object);
        if (keep == null) {
            return null;
        }
        JsonNode copy = object.deepCopy();
        keep.apply(copy);
        SecretScrubber.scrub(copy);
        return Json.write(copy);
    }

    private static Keep keepFor(ObjectRef ref, JsonNode object) {
        String resource = ref.resource();
        String sub = ref.subresource();
        if ("pods".equals(resource)) {
            if ("binding".equals(sub) || "Binding".equals(Json.text(object, "kind"))) {
                return BINDING;
            }
            return sub == null || "status".equals(sub) ? POD : null;
        }
        if ("bindings".equals(resource)) {
            return BINDING;
        }
        if ("nodes".equals(resource) && (sub == null || "status".equals(sub))) {
            return NODE;
        }
        if ("serviceaccounts".equals(resource) && "token".equals(sub)) {
            return TOKEN_REQUEST;
        }
        if ("serviceaccounts".equals(resource) && sub == null) {
            return SERVICE_ACCOUNT;
        }
        return null;
    }

    /** A whitelist tree: the fields to keep at each level; an empty map keeps the whole subtree. */
    private record Keep(Map<String, Keep> fields) {

        static Keep of(Map<String, Keep> fields) {
            return new Keep(fields);
        }

        void apply(JsonNode node) {
            if (fields.isEmpty()) {
                return;
            }
            if (node instanceof ArrayNode array) {
                array.forEach(this::apply);
                return;
            }
            if (!(node instanceof ObjectNode object)) {
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                Keep child = fields.get(field.getKey());
                if (child == null) {
                    it.remove();
                } else if ("env".equals(field.getKey())) {
                    keepAwsCredentialEnv(field.getValue());
                } else {
                    child.apply(field.getValue());
                }
            }
        }

        private static void keepAwsCredentialEnv(JsonNode env) {
            if (!(env instanceof ArrayNode vars)) {
                return;
            }
            Iterator<JsonNode> it = vars.elements();
            while (it.hasNext()) {
                JsonNode var = it.next();
                Pattern shape = AWS_CREDENTIAL_ENV.get(String.valueOf(Json.text(var, "name")));
                if (shape == null) {
                    it.remove();
                } else if (var instanceof ObjectNode object) {
                    object.retain("name", "value");
                    String value = Json.text(object, "value");
                    if (value != null && !shape.matcher(value).matches()) {
                        object.remove("value");
                    }
                }
            }
        }
    }
}
