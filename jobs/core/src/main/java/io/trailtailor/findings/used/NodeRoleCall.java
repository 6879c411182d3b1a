package io.trailtailor.findings.used;

import java.time.Instant;
import java.util.List;

/**
 * Calls made with a node's instance-profile session, summed per (role, action, node): what TT-NODE-002 holds
 * against the node baseline. The candidate pods are the pods on that node at the time that had no IRSA or Pod
 * Identity credentials of their own (attribution's candidates).
 *
 * @param userAgents distinct user agents seen, sorted, at most 5 (application SDKs vs the kubelet and CNI)
 * @param candidateWorkloads {@code cluster/namespace/serviceAccount} of the candidate pods, sorted
 * @param candidatePods candidate pod names, sorted, at most 20
 */
public record NodeRoleCall(
        String roleArn,
        String cluster,
        String node,
        String action,
        long calls,
        Instant firstSeen,
        Instant lastSeen,
        List<String> userAgents,
        List<String> candidateWorkloads,
        List<String> candidatePods,
        List<String> samples) {

    public NodeRoleCall {
        userAgents = userAgents == null ? List.of() : List.copyOf(userAgents);
        candidateWorkloads = candidateWorkloads == null ? List.of() : List.copyOf(candidateWorkloads);
        candidatePods = candidatePods == null ? List.of() : List.copyOf(candidatePods);
        samples = samples == null ? List.of() : List.copyOf(samples);
    }
}
