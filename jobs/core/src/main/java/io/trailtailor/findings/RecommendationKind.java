package io.trailtailor.findings;

/** What a recommendation asks for; the contract's names (FINDINGS.md), never renamed. */
public enum RecommendationKind {
    REPLACE_POLICY,
    DETACH_POLICY,
    SCOPE_RESOURCES,
    SCOPE_TRUST,
    SPLIT_ROLE,
    SESSION_POLICY,
    DELETE_IDENTITY,
    DEACTIVATE_CREDENTIAL,
    REPLACE_RBAC,
    DELETE_BINDING,
    SET_AUTOMOUNT_FALSE,
    HARDEN_IMDS,
    REVIEW
}
