package io.trailtailor.grants;

import java.util.List;

/**
 * One effectively allowed (action, resource pattern) of a principal, after wildcard expansion, explicit denies and
 * the permission boundary.
 *
 * @param action canonical {@code service:Action} from the IAM catalog
 * @param resource the resource pattern as written ({@code *}, {@code arn:aws:s3:::b/*}); for a {@code NotResource}
 *     statement {@code *}, with the exceptions in {@code notResources}
 * @param conditional true when every statement granting it carries a {@code Condition} (or a conditional Deny may
 *     remove it): the grant is an upper bound
 * @param sources the statements that grant it
 */
public record Grant(
        String action, String resource, List<String> notResources, boolean conditional, List<Source> sources) {

    public Grant {
        notResources = List.copyOf(notResources);
        sources = List.copyOf(sources);
    }

    /** A granting statement: the policy (name or ARN), the group it came through (or null), index and Sid. */
    public record Source(String policy, String via, int statementIndex, String sid) {}

    /** Lowercase service prefix. */
    public String service() {
        return action.substring(0, action.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code Resource: "*"} without exceptions. */
    public boolean unrestricted() {
        return resource.equals("*") && notResources.isEmpty();
    }
}
