package io.trailtailor.flink.identity;

import io.trailtailor.identity.Attributor;
import io.trailtailor.identity.ClusterDirectory;
import io.trailtailor.identity.SessionExtractor;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What every attribution task needs to know before reading a record: the clusters the operator named
 * ({@code --cluster NAME=ISSUER}, cluster snapshots) and the clock skew allowed between audit and CloudTrail.
 * Clusters learnt from EKS events join later, by issuer. {@code maxDelayMillis} is how long past its event time a
 * record waits for the other side of a join before it is decided without it ({@code --max-delay}); state expires by
 * the same bound past its own end (a session's expiration, a pod's deletion).
 */
public record IdentityConfig(
        List<String> clusterEntries, List<String> clusterSnapshots, long skewMillis, long maxDelayMillis)
        implements Serializable {

    public IdentityConfig {
        clusterEntries = List.copyOf(clusterEntries);
        clusterSnapshots = List.copyOf(clusterSnapshots);
    }

    /** A fresh directory of the statically known clusters (directories learn, so each user gets its own). */
    ClusterDirectory directory() {
        ClusterDirectory directory = new ClusterDirectory();
        clusterEntries.forEach(directory::addCliEntry);
        clusterSnapshots.forEach(directory::addSnapshot);
        return directory;
    }

    SessionExtractor extractor() {
        return new SessionExtractor(directory());
    }

    Attributor attributor() {
        return new Attributor(Duration.ofMillis(skewMillis));
    }
}
