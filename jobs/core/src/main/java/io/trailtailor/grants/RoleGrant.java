package io.trailtailor.grants;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One IAM role as the snapshot grants it: trust, inline and attached policies, permission boundary (ARN or null),
 * instance profiles, tags and when it was created (to tell "unused all window" from "new").
 */
public record RoleGrant(
        String account,
        String arn,
        String name,
        String path,
        Instant createDate,
        TrustPolicy trust,
        List<InlinePolicy> inlinePolicies,
        List<AttachedPolicy> attachedPolicies,
        String permissionsBoundaryArn,
        List<InstanceProfile> instanceProfiles,
        Map<String, String> tags,
        Instant lastUsed) {

    public RoleGrant {
        inlinePolicies = List.copyOf(inlinePolicies);
        attachedPolicies = List.copyOf(attachedPolicies);
        instanceProfiles = List.copyOf(instanceProfiles);
        tags = Map.copyOf(tags);
    }

    /** Service-linked roles ({@code /aws-service-role/}) belong to AWS services, not to workloads. */
    public boolean serviceLinked() {
        return path != null && path.startsWith("/aws-service-role/");
    }
}
