package io.trailtailor.grants.cluster;

import java.util.List;

/**
 * One aws-auth ConfigMap entry ({@code mapRoles} {@code rolearn} or {@code mapUsers} {@code userarn}): the IAM
 * principal, the Kubernetes username it becomes and the groups it joins (e.g. {@code system:masters}).
 */
public record IdentityMapping(Source source, String arn, String username, List<String> groups) {

    public IdentityMapping {
        groups = List.copyOf(groups);
    }

    /** Which list of the ConfigMap the entry came from. */
    public enum Source {
        MAP_ROLES,
        MAP_USERS
    }
}
