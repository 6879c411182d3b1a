package io.trailtailor.event;

import java.util.List;
import java.util.Map;

/**
 * The authenticated (or impersonated) user of an audit event. {@code extra} values are lists, as Kubernetes sends
 * them: for IAM principals EKS fills {@code arn}, {@code canonicalArn}, {@code accessKeyId}, {@code sessionName},
 * {@code principalId}; for pods, {@code authentication.kubernetes.io/pod-name} and {@code .../pod-uid}.
 */
public record AuditUser(String username, String uid, List<String> groups, Map<String, List<String>> extra) {

    public static final AuditUser EMPTY = new AuditUser(null, null, List.of(), Map.of());

    public AuditUser {
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** The first value of an {@code extra} key, or null. */
    public String extraValue(String key) {
        List<String> values = extra.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
