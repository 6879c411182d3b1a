package io.trailtailor.grants.cluster;

/** What a cluster-snapshot file turned out to be, decided from its content, never from its name. */
public enum SnapshotKind {
    DESCRIBE_CLUSTER,
    RBAC,
    AWS_AUTH,
    ACCESS_ENTRY,
    ASSOCIATED_ACCESS_POLICIES,
    POD_IDENTITY_ASSOCIATION,
    SERVICE_ACCOUNTS,
    UNKNOWN
}
