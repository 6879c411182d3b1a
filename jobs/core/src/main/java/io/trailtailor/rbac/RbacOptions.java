package io.trailtailor.rbac;

/**
 * Every knob of RBAC synthesis, each a widening or a naming choice made explicit.
 *
 * @param resourceNamesThreshold restrict a rule to {@code resourceNames} when at most this many distinct object
 *     names were used with it (0 turns resourceNames off)
 * @param includeDenied also grant requests that RBAC denied (they are always reported separately)
 * @param namePrefix prefix of generated Role, ClusterRole and binding names
 * @param groupPrefix prefix of the Kubernetes group generated for IAM roles (used in the binding and as the
 *     access entry's {@code kubernetesGroups})
 */
public record RbacOptions(int resourceNamesThreshold, boolean includeDenied, String namePrefix, String groupPrefix) {

    public RbacOptions {
        if (resourceNamesThreshold < 0) throw new IllegalArgumentException("resourceNamesThreshold must be >= 0");
        if (namePrefix == null) namePrefix = "";
        if (groupPrefix == null) groupPrefix = "";
    }

    public static RbacOptions defaults() {
        return new RbacOptions(5, false, "trailtailor:", "trailtailor:");
    }

    public RbacOptions withResourceNamesThreshold(int n) {
        return new RbacOptions(n, includeDenied, namePrefix, groupPrefix);
    }

    public RbacOptions withIncludeDenied(boolean b) {
        return new RbacOptions(resourceNamesThreshold, b, namePrefix, groupPrefix);
    }
}
