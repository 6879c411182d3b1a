package io.trailtailor.identity;

import java.time.Instant;
import java.util.List;

/**
 * A Kubernetes node and the AWS identity of its kubelet: the EC2 instance (from {@code spec.providerID} or the
 * kubelet's IAM session name) and the node role. {@code nodeSessionAccessKeys} are the instance-profile keys the
 * kubelet was seen using (sorted; the most recent {@link NodeHistory#MAX_KEYS} only).
 */
public record NodeIdentity(
        String cluster,
        String nodeName,
        String instanceId,
        String nodeRoleArn,
        List<String> nodeSessionAccessKeys,
        Instant firstSeen,
        Instant lastSeen) {

    public NodeIdentity {
        nodeSessionAccessKeys = nodeSessionAccessKeys == null ? List.of() : List.copyOf(nodeSessionAccessKeys);
    }
}
