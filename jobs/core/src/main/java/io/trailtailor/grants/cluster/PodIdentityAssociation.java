package io.trailtailor.grants.cluster;

import java.time.Instant;

/**
 * From {@code aws eks describe-pod-identity-association}: the role a (namespace, service account) receives, an
 * optional target role (role chaining), whether session tags are disabled and whether a session policy narrows it.
 */
public record PodIdentityAssociation(
        String clusterName,
        String namespace,
        String serviceAccount,
        String roleArn,
        String targetRoleArn,
        String associationArn,
        String associationId,
        boolean disableSessionTags,
        String sessionPolicy,
        Instant createdAt) {

    /** The role whose credentials the pod finally holds. */
    public String effectiveRoleArn() {
        return targetRoleArn != null ? targetRoleArn : roleArn;
    }
}
