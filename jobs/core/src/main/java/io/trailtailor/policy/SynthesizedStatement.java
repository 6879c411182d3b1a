package io.trailtailor.policy;

import java.time.Instant;
import java.util.List;

/**
 * A generated statement with what justified it: the service, access level and resource type its Sid is built from,
 * and the calls (count, window, a few eventIDs) behind it.
 */
public record SynthesizedStatement(
        PolicyStatement statement,
        String service,
        String accessLevel,
        String resourceType,
        long calls,
        Instant firstSeen,
        Instant lastSeen,
        List<String> evidenceEventIds) {

    public SynthesizedStatement {
        evidenceEventIds = List.copyOf(evidenceEventIds);
    }
}
