package io.trailtailor.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * One incarnation of a pod (one uid) as the audit log shows it. {@code start} is null when its creation was not
 * seen (it may have run since before the window); {@code end} is null while no deletion (or name reuse) ended it.
 * {@code node} and {@code serviceAccount} are null until a binding, status patch or spec names them.
 */
public record PodLifetime(
        String cluster,
        String namespace,
        String name,
        String uid,
        String serviceAccount,
        String node,
        String podIp,
        Instant start,
        Instant end,
        PodCredentialKind credentialKind,
        String irsaRoleArn) {

    /** Whether the pod may have existed at some moment in {@code [t - skew, t + skew]}. Unknown bounds are open. */
    public boolean aliveAt(Instant t, Duration skew) {
        return (start == null || !start.isAfter(t.plus(skew))) && (end == null || !end.isBefore(t.minus(skew)));
    }

    /** The key a keyed operator holds pod state under: pods are deleted by name, so the uid cannot be the key. */
    public PodKey key() {
        return new PodKey(cluster, namespace, name);
    }

    /** (cluster, namespace, name) of a pod. */
    public record PodKey(String cluster, String namespace, String name) {}
}
