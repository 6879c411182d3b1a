package io.trailtailor.grants;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One IAM user: own inline and attached policies, the groups it belongs to (by name), boundary and tags. */
public record UserGrant(
        String account,
        String arn,
        String name,
        String path,
        Instant createDate,
        List<InlinePolicy> inlinePolicies,
        List<AttachedPolicy> attachedPolicies,
        List<String> groupNames,
        String permissionsBoundaryArn,
        Map<String, String> tags) {

    public UserGrant {
        inlinePolicies = List.copyOf(inlinePolicies);
        attachedPolicies = List.copyOf(attachedPolicies);
        groupNames = List.copyOf(groupNames);
        tags = Map.copyOf(tags);
    }
}
