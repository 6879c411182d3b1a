package io.trailtailor.grants;

import io.trailtailor.policy.PolicyDocument;
import java.time.Instant;

/**
 * A managed policy with its default version's document: from the snapshot's {@code Policies[]} (customer or AWS
 * managed, {@code IsDefaultVersion: true}) or, for AWS managed policies the snapshot omits, from the bundle.
 */
public record ManagedPolicy(
        String arn, String name, String defaultVersionId, PolicyDocument document, Instant createDate, Source source) {

    /** Where the document came from, so the summary can say which were resolved from the bundle. */
    public enum Source {
        SNAPSHOT,
        BUNDLE
    }
}
