package io.trailtailor.grants.cluster;

import java.time.Instant;
import java.util.List;

/** From {@code aws eks describe-access-entry}: an IAM principal's entry into the cluster. */
public record AccessEntry(
        String clusterName,
        String principalArn,
        String accessEntryArn,
        List<String> kubernetesGroups,
        String username,
        String type,
        Instant createdAt) {

    public AccessEntry {
        kubernetesGroups = List.copyOf(kubernetesGroups);
    }
}
