/**
 * Least-privilege IAM policies from observed use, and the evaluator that proves them.
 *
 * <p>{@link io.trailtailor.policy.PolicySynthesizer#synthesize} takes a {@link io.trailtailor.policy.PolicyTarget}
 * (role, IAM user or workload) and its {@link io.trailtailor.policy.ActionUse} rows and returns a
 * {@link io.trailtailor.policy.SynthesizedPolicy}: IAM documents under the size limit, statements with stable Sids
 * and evidence, denied calls, unknown actions, widenings applied, options and catalog version.
 * {@link io.trailtailor.policy.PolicyRenderer} writes IAM JSON, Terraform and CloudFormation under
 * {@code policies/roles/<accountId>/<roleName>}, {@code policies/users/<accountId>/<userName>} or
 * {@code policies/workloads/<cluster>/<namespace>/<sa>}, and {@link io.trailtailor.policy.WideningReport} the
 * {@code .widening.json} sidecar of a policy whose S3 keys were generalized or that does not fit one document.
 * {@link io.trailtailor.policy.PolicyEvaluator} answers allowed / explicit deny / implicit deny for a call against
 * any set of identity policy documents. Every widening is a {@link io.trailtailor.policy.SynthesisOptions} field.
 */
package io.trailtailor.policy;
