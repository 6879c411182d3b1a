package io.trailtailor.policy;

/** Whether action lists may be written with wildcards. */
public enum ActionWildcards {
    /** Always list every action by name (default: a wildcard that is exact today can match actions AWS adds later). */
    NEVER,
    /**
     * Replace actions by {@code Prefix*} patterns (whole CamelCase words) when the pattern expands, per the pinned
     * catalog, to used actions of the same statement only; the catalog version is recorded with the policy.
     */
    EXACT_AT_CATALOG_VERSION
}
