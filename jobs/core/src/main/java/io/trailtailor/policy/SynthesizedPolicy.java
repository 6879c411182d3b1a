package io.trailtailor.policy;

import java.util.List;

/**
 * The least-privilege policy for one target: one or more IAM documents (split to stay under
 * {@link SynthesisOptions#maxPolicySize()}), the statements with their evidence, the denied calls (granted only
 * with {@code includeDenied}), actions the catalog does not know (kept verbatim), every widening applied, the
 * effective options and the catalog version the policy was checked against.
 */
public record SynthesizedPolicy(
        PolicyTarget target,
        List<PolicyDocument> documents,
        List<SynthesizedStatement> statements,
        List<ActionUse> denied,
        List<String> unknownActions,
        List<String> widenings,
        SynthesisOptions options,
        String catalogVersion) {

    public SynthesizedPolicy {
        documents = List.copyOf(documents);
        statements = List.copyOf(statements);
        denied = List.copyOf(denied);
        unknownActions = List.copyOf(unknownActions);
        widenings = List.copyOf(widenings);
    }

    /** An evaluator over all documents of this policy. */
    public PolicyEvaluator evaluator() {
        return new PolicyEvaluator(documents);
    }
}
