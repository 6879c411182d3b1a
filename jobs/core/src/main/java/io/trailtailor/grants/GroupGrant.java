package io.trailtailor.grants;

import java.time.Instant;
import java.util.List;

/** One IAM group: its inline and attached policies reach every member user. */
public record GroupGrant(
        String account,
        String arn,
        String name,
        Instant createDate,
        List<InlinePolicy> inlinePolicies,
        List<AttachedPolicy> attachedPolicies) {

    public GroupGrant {
        inlinePolicies = List.copyOf(inlinePolicies);
        attachedPolicies = List.copyOf(attachedPolicies);
    }
}
