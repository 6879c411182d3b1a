/**
 * The granted side of the over-privilege report: what IAM and Kubernetes <em>allow</em>, read from real snapshots.
 *
 * <ul>
 *   <li>{@link io.trailtailor.grants.IamSnapshotReader} reads {@code aws iam get-account-authorization-details}
 *       output (several files, pagination pieces, several accounts) into an {@link io.trailtailor.grants.IamSnapshot}.
 *   <li>{@link io.trailtailor.grants.ManagedPolicies} is the pinned bundle of AWS managed policies, used for policies a
 *       snapshot attaches but does not include ({@link io.trailtailor.grants.PolicyResolver} says which).
 *   <li>{@link io.trailtailor.grants.GrantExpander} turns a principal's policies into
 *       {@link io.trailtailor.grants.EffectiveGrants}: (action, resource pattern, conditional?) after wildcard and
 *       {@code NotAction} expansion against the IAM catalog, explicit denies and permission boundaries.
 *   <li>{@link io.trailtailor.grants.TrustEvaluator} answers "may this principal assume this role", and
 *       {@link io.trailtailor.grants.WebIdentityTrust} exposes the IRSA facts the rules need ({@code :sub},
 *       {@code :aud}, wildcard subjects, the {@code *}-inside-{@code StringEquals} trap).
 *   <li>{@link io.trailtailor.grants.cluster} reads cluster snapshots (EKS, RBAC, aws-auth, access entries, Pod
 *       Identity, service accounts).
 * </ul>
 *
 * Plain Java, no Flink: the findings rules and the report build on these types. Identity-policy statements reuse
 * {@link io.trailtailor.policy.PolicyDocument}; trust policies (which carry a Principal) have their own model.
 */
package io.trailtailor.grants;
