package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.event.Json;

/** Reads what correlation needs from a Pod object (as JSON) in an audit event. */
final class PodSpecs {

    static final String IRSA_AUDIENCE = "sts.amazonaws.com";
    static final String POD_IDENTITY_AUDIENCE = "pods.eks.amazonaws.com";

    private PodSpecs() {}

    static boolean isPod(JsonNode obj) {
        return "Pod".equals(Json.pointer(obj, "/kind"))
                || (obj.has("spec") && obj.path("spec").has("containers"));
    }

    /** The kind of AWS credentials the spec wires in: projected token audience, else the webhook's env variables. */
    static PodCredentialKind credentialKind(JsonNode pod) {
        JsonNode spec = pod.path("spec");
        if (spec.isMissingNode()) {
            return PodCredentialKind.UNKNOWN;
        }
        boolean irsa = false;
        boolean podIdentity = false;
        for (JsonNode volume : spec.path("volumes")) {
            for (JsonNode source : volume.path("projected").path("sources")) {
                String audience = Json.pointer(source, "/serviceAccountToken/audience");
                irsa |= IRSA_AUDIENCE.equals(audience);
                podIdentity |= POD_IDENTITY_AUDIENCE.equals(audience);
            }
        }
        if (irsaRoleArn(pod) != null) {
            irsa = true;
        }
        if (envValue(pod, "AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            podIdentity = true;
        }
        // Both wired in: the SDK default chain prefers web identity (env AWS_WEB_IDENTITY_TOKEN_FILE) over the
        // container URI.
        return irsa ? PodCredentialKind.IRSA : podIdentity ? PodCredentialKind.POD_IDENTITY : PodCredentialKind.NONE;
    }

    static String irsaRoleArn(JsonNode pod) {
        return envValue(pod, "AWS_ROLE_ARN");
    }

    private static String envValue(JsonNode pod, String name) {
        JsonNode spec = pod.path("spec");
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode container : spec.path(list)) {
                for (JsonNode env : container.path("env")) {
                    if (name.equals(Json.pointer(env, "/name"))) {
                        String value = Json.pointer(env, "/value");
                        if (value != null) {
                            return value;
                        }
                    }
                }
            }
        }
        return null;
    }
}
