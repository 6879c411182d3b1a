package io.trailtailor.findings.used;

import java.time.Instant;
import java.util.List;

/**
 * One kind of Kubernetes API request a user made, counted, with the authorizer's reason: the audit log's own record
 * of which binding allowed it ({@code authorization.k8s.io/reason}, e.g. {@code RBAC: allowed by ClusterRoleBinding
 * "x" of ClusterRole "y" to Group "z"}).
 *
 * @param username the audit {@code user.username} ({@code system:serviceaccount:ns:sa}, an access-entry or aws-auth
 *     username, ...)
 * @param groups the audit {@code user.groups}, sorted
 * @param iamArn the IAM principal behind the request ({@code user.extra.arn}), or null
 * @param allowed the authorizer's decision
 * @param reason the authorization reason annotation, or null when the event had none
 * @param samples up to 5 auditIDs, sorted
 */
public record K8sRequestUse(
        String cluster,
        String username,
        List<String> groups,
        String iamArn,
        String verb,
        String apiGroup,
        String resource,
        String subresource,
        String namespace,
        String name,
        boolean allowed,
        String reason,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        List<String> samples) {

    public K8sRequestUse {
        groups = groups == null ? List.of() : List.copyOf(groups);
        samples = samples == null ? List.of() : List.copyOf(samples);
    }
}
