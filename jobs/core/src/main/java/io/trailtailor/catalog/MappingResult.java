package io.trailtailor.catalog;

import java.util.List;
import java.util.Objects;

/**
 * What one CloudTrail event means for a least-privilege policy: the actions it needed, or why it needs none, or why
 * it could not be mapped. Unmapped events carry an explanation so the pipeline can count and list them.
 */
public record MappingResult(Status status, List<RequiredAction> actions, String explanation) {

    /** The outcome of mapping one event. */
    public enum Status {
        /** At least one action; see {@link #actions()}. */
        MAPPED,
        /** The call needs no IAM permission (sts:GetCallerIdentity). */
        SKIPPED_NO_PERMISSION,
        /** Governed by a role trust policy, not the caller's identity policy (AssumeRoleWithWebIdentity, ...WithSAML). */
        SKIPPED_TRUST_POLICY,
        /** Not an API call by a principal (service events, console sign-in, Insights). */
        SKIPPED_NON_API_EVENT,
        /** The event source names no IAM service prefix in the catalog. */
        UNKNOWN_SERVICE,
        /** A known service, but neither the default rule nor an override names the action. */
        UNMAPPED
    }

    public MappingResult {
        Objects.requireNonNull(status, "status");
        actions = actions == null ? List.of() : List.copyOf(actions);
        explanation = explanation == null ? "" : explanation;
        if (status == Status.MAPPED && actions.isEmpty()) {
            throw new IllegalArgumentException("MAPPED needs at least one action");
        }
        if (status != Status.MAPPED && !actions.isEmpty()) {
            throw new IllegalArgumentException(status + " carries no actions");
        }
    }

    static MappingResult mapped(List<RequiredAction> actions, String explanation) {
        return new MappingResult(Status.MAPPED, actions, explanation);
    }

    static MappingResult skipped(Status status, String explanation) {
        return new MappingResult(status, List.of(), explanation);
    }
}
