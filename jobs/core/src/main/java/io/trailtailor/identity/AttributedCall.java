package io.trailtailor.identity;

import java.time.Instant;
import java.util.List;

/**
 * One API call with the principal and workload behind it. {@code podUid} is set only when exact (one possible pod);
 * {@code podCandidates} are the sorted uids of every pod that could have made the call (the true pod is always
 * among them when the audit log covers the time). {@code confidence} is the chance that {@code podUid} (or, for
 * non-Kubernetes mechanisms, {@code rootPrincipal}) is right: 1 exact, 1/n for n candidates, 0 unknown; for the
 * node role 1/(n+1), the node itself being a possible caller, and never exact.
 * {@code basis} says which evidence decided; {@code notes} say what weakens it.
 */
public record AttributedCall(
        String eventId,
        Instant eventTime,
        String eventSource,
        String eventName,
        String accessKeyId,
        Mechanism mechanism,
        Mechanism rootMechanism,
        String roleArn,
        String rootPrincipal,
        String cluster,
        String namespace,
        String serviceAccount,
        String podUid,
        String podName,
        List<String> podCandidates,
        String node,
        String instanceId,
        double confidence,
        String basis,
        List<String> notes,
        boolean denied) {

    public AttributedCall {
        podCandidates = podCandidates == null ? List.of() : List.copyOf(podCandidates);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Whether the call is tied to a Kubernetes workload (cluster, namespace and service account known). */
    public boolean attributedToWorkload() {
        return cluster != null && namespace != null && serviceAccount != null;
    }
}
