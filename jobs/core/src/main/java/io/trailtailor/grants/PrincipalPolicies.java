package io.trailtailor.grants;

import io.trailtailor.policy.PolicyDocument;
import java.util.List;

/**
 * Every identity policy that applies to one role or user (a user's include its groups'), its permission boundary,
 * and the attached policies that could not be resolved (neither in the snapshot nor in the bundle).
 *
 * @param boundaryArn null when the principal has no boundary
 * @param boundary null when there is no boundary or its document could not be resolved
 */
public record PrincipalPolicies(
        String principalArn,
        List<SourcedDocument> documents,
        String boundaryArn,
        PolicyDocument boundary,
        List<String> unresolved) {

    public PrincipalPolicies {
        documents = List.copyOf(documents);
        unresolved = List.copyOf(unresolved);
    }
}
