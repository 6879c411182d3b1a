package io.trailtailor.findings.used;

import java.time.Instant;
import java.util.List;

/**
 * One row of usage as the job sums it (the {@code usage} table): what one principal did with one IAM action on one
 * resource over the window.
 *
 * @param kind {@code ROLE}, {@code USER} or {@code WORKLOAD}
 * @param principal the role ARN, the IAM user ARN, or {@code cluster/namespace/serviceAccount}
 * @param denied true for refused calls: never evidence of use (FINDINGS.md)
 * @param samples up to 5 CloudTrail eventIDs, sorted
 * @param passedToServices for {@code iam:PassRole}, the services the role was passed to
 */
public record UsedAction(
        String kind,
        String principal,
        String cluster,
        String namespace,
        String serviceAccount,
        String action,
        String resource,
        boolean denied,
        long calls,
        Instant firstSeen,
        Instant lastSeen,
        List<String> samples,
        List<String> passedToServices) {

    public static final String ROLE = "ROLE";
    public static final String USER = "USER";
    public static final String WORKLOAD = "WORKLOAD";

    public UsedAction {
        samples = samples == null ? List.of() : List.copyOf(samples);
        passedToServices = passedToServices == null ? List.of() : List.copyOf(passedToServices);
    }

    /** Lowercase service prefix of the action. */
    public String service() {
        return action.substring(0, action.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
    }
}
