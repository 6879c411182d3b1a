package io.trailtailor.grants.cluster;

import java.time.Instant;

/**
 * A Kubernetes ServiceAccount: its IRSA role ({@code eks.amazonaws.com/role-arn} annotation, or null) and its
 * {@code automountServiceAccountToken} (null when unset, which Kubernetes treats as true).
 */
public record ServiceAccountInfo(
        String namespace, String name, String irsaRoleArn, Boolean automountToken, Instant createdAt) {

    public String subject() {
        return "system:serviceaccount:" + namespace + ":" + name;
    }
}
