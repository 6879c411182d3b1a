/**
 * Kubernetes RBAC sized to what each principal did (audit2rbac-style, no IAM catalog involved).
 *
 * <p>Input: {@link io.trailtailor.rbac.K8sAccess} rows (from audit events via
 * {@link io.trailtailor.rbac.K8sAccesses#from}). {@link io.trailtailor.rbac.RbacSynthesizer#synthesize} gives one
 * {@link io.trailtailor.rbac.RbacResult} per (cluster, principal): a Role and RoleBinding per namespace used, a
 * ClusterRole and ClusterRoleBinding for cluster-wide use, rules with exactly the groups, resources
 * ({@code pods/log} form) and verbs seen, {@code resourceNames} where few names were used and the verb can be
 * restricted by name, the narrowest EKS access policy and scope for IAM principals
 * ({@link io.trailtailor.rbac.EksAccessPolicies}, data in {@code rbac/eks-access-policies.yaml}) and the
 * access-entry {@code kubernetesGroups} alternative. {@link io.trailtailor.rbac.RbacYamlRenderer} writes
 * {@code rbac/<cluster>/<file base>.yaml} ({@link io.trailtailor.rbac.RbacResult#relativePath()}; naming rule in
 * {@link io.trailtailor.rbac.RbacPrincipal}). Options: {@link io.trailtailor.rbac.RbacOptions#defaults()}.
 */
package io.trailtailor.rbac;
