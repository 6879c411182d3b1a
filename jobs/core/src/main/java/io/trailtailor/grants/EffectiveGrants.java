package io.trailtailor.grants;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one principal is effectively allowed: grants sorted by action then resource, plus what the expansion could
 * not place (action patterns naming nothing in the catalog, unresolved policies) and how much denies and the
 * boundary removed.
 *
 * @param deniedByPolicy (action, resource) pairs an unconditional explicit Deny removed
 * @param deniedByBoundary pairs the permission boundary does not allow
 */
public record EffectiveGrants(
        String principalArn,
        List<Grant> grants,
        Set<String> unknownActionPatterns,
        List<String> unresolvedPolicies,
        int deniedByPolicy,
        int deniedByBoundary) {

    public EffectiveGrants {
        grants = List.copyOf(grants);
        unknownActionPatterns = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(unknownActionPatterns));
        unresolvedPolicies = List.copyOf(unresolvedPolicies);
    }

    /** Distinct allowed actions, sorted. */
    public SortedSet<String> actions() {
        TreeSet<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        grants.forEach(g -> out.add(g.action()));
        return out;
    }

    /** Distinct service prefixes, sorted. */
    public SortedSet<String> services() {
        TreeSet<String> out = new TreeSet<>();
        grants.forEach(g -> out.add(g.service()));
        return out;
    }

    /** Whether the action (any case) is granted on some resource. */
    public boolean allows(String action) {
        return grants.stream().anyMatch(g -> g.action().equalsIgnoreCase(action));
    }

    public List<Grant> grantsOf(String action) {
        return grants.stream().filter(g -> g.action().equalsIgnoreCase(action)).toList();
    }
}
