package io.trailtailor.grants;

import io.trailtailor.policy.PolicyDocument;

/**
 * A policy document that applies to a principal, with where it came from, so evidence can name the policy.
 *
 * @param policy the inline policy's name or the managed policy's ARN
 * @param via {@code null} for the principal's own policies, else the group ARN it came through
 */
public record SourcedDocument(String policy, Kind kind, String via, PolicyDocument document) {

    /** How the document reaches the principal. */
    public enum Kind {
        INLINE,
        MANAGED
    }
}
