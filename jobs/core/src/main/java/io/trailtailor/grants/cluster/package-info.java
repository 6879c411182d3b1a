/**
 * Cluster snapshots for {@code --cluster-snapshot CLUSTER=PATH}: what Kubernetes RBAC, the aws-auth ConfigMap, EKS
 * access entries and access policies, Pod Identity associations and service-account annotations grant in one
 * cluster. {@link io.trailtailor.grants.cluster.ClusterSnapshotReader} decides each file's kind from its content and
 * reports files of no known kind; {@link io.trailtailor.grants.cluster.RbacGrants} expands roles (including
 * aggregated ClusterRoles) and bindings into the rules each subject holds.
 */
package io.trailtailor.grants.cluster;
