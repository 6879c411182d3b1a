package io.trailtailor.policy;

import java.util.List;

/**
 * The least-privilege policy for one target: one or more IAM documents (split to stay under
 * {@link SynthesisOptions#maxPolicySize()}), the statements with their evidence, the denied calls (granted only
 * with {@code includeDenied}), actions the catalog does not know (kept verbatim), every widening applied, the
 * effective options and the catalog version the policy was checked against; the S3 key prefixes collapsed
 * ({@code resourceWidenings}, each also a line of {@code widenings}) and whether the policy still needs more than
 * one document ({@code overBudget}).
 */
public record SynthesizedPolicy(
        PolicyTarget target,
        List<PolicyDocument> documents,
        List<SynthesizedStatement> statements,
        List<ActionUse> denied,
        List<String> unknownActions,
        List<String> widenings,
        SynthesisOptions options,
        String catalogVersion,
        List<ResourceWidening> resourceWidenings,
        boolean overBudget) {

    public SynthesizedPolicy {
        documents = List.copyOf(documents);
        statements = List.copyOf(statements);
        denied = List.copyOf(denied);
        unknownActions = List.copyOf(unknownActions);
        widenings = List.copyOf(widenings);
        resourceWidenings = List.copyOf(resourceWidenings);
    }

    /** An evaluator over all documents of this policy. */
    public PolicyEvaluator evaluator() {
        return new PolicyEvaluator(documents);
    }
}
