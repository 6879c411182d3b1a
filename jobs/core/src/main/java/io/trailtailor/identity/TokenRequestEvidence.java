package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kubelet's {@code serviceaccounts/token} request: evidence that a pod on {@code node} asked for a token of
 * {@code namespace/serviceAccount} at {@code time}. EKS logs these at Metadata level, so the pod and the audiences
 * are usually null; they are filled when a RequestResponse-level log carries {@code spec.boundObjectRef}.
 */
public record TokenRequestEvidence(
        String cluster,
        String node,
        String namespace,
        String serviceAccount,
        Instant time,
        String podName,
        String podUid,
        List<String> audiences) {

    public TokenRequestEvidence {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }

    public static Optional<TokenRequestEvidence> from(AuditEvent e) {
        String node = AuditRouting.nodeUser(e);
        if (node == null
                || !"create".equals(e.verb())
                || !"serviceaccounts".equals(e.resource())
                || !"token".equals(e.subresource())
                || !AuditRouting.succeeded(e)
                || AuditRouting.earliest(e) == null) {
            return Optional.empty();
        }
        JsonNode request = Json.tree(e.requestObject());
        JsonNode response = Json.tree(e.responseObject());
        List<String> audiences = new ArrayList<>();
        JsonNode aud =
                response.path("spec").has("audiences") ? response.at("/spec/audiences") : request.at("/spec/audiences");
        aud.forEach(a -> audiences.add(a.asText()));
        return Optional.of(new TokenRequestEvidence(
                e.cluster(),
                node,
                e.objectRef().namespace(),
                e.objectRef().name(),
                AuditRouting.earliest(e),
                Json.pointer(request, "/spec/boundObjectRef/name"),
                Json.pointer(request, "/spec/boundObjectRef/uid"),
                audiences));
    }
}
