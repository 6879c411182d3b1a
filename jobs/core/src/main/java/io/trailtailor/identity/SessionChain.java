package io.trailtailor.identity;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Follows {@code parentAccessKeyId} links up to the first session of a chain, so a role assumed from a pod's
 * session still names that pod. The lookup is whatever the caller keeps (a map in batch, keyed state in a stream).
 */
public final class SessionChain {

    /** Chains longer than this are cut (AWS limits chaining in practice; this also guards against bad data). */
    public static final int MAX_DEPTH = 16;

    private SessionChain() {}

    /**
     * The session with {@code rootPrincipal} and {@code rootMechanism} of the chain's first session and, for a
     * {@link Mechanism#ROLE_CHAIN} session, the workload fields it inherits from there. A missing parent leaves the
     * closest known caller as root, with {@code rootMechanism} {@link Mechanism#UNKNOWN}.
     */
    public static CredentialSession resolve(
            CredentialSession session, Function<String, CredentialSession> parentLookup) {
        if (session.parentAccessKeyId() == null || session.mechanism() != Mechanism.ROLE_CHAIN) {
            return session;
        }
        Set<String> seen = new HashSet<>();
        seen.add(session.accessKeyId());
        CredentialSession current = session;
        CredentialSession root = null;
        for (int depth = 0; depth < MAX_DEPTH && current.parentAccessKeyId() != null; depth++) {
            if (!seen.add(current.parentAccessKeyId())) {
                break; // a cycle: data error, stop at what we have
            }
            CredentialSession parent = parentLookup.apply(current.parentAccessKeyId());
            if (parent == null) {
                break;
            }
            root = parent;
            current = parent;
            if (parent.mechanism() != Mechanism.ROLE_CHAIN) {
                break;
            }
        }
        if (root == null) {
            return session;
        }
        CredentialSession.Builder b = session.toBuilder()
                .rootPrincipal(root.rootPrincipal())
                .rootMechanism(root.mechanism() == Mechanism.ROLE_CHAIN ? root.rootMechanism() : root.mechanism());
        return b.cluster(root.cluster())
                .namespace(root.namespace())
                .serviceAccount(root.serviceAccount())
                .podName(root.podName())
                .podUid(root.podUid())
                .instanceId(root.instanceId())
                .webIdProvider(session.webIdProvider() != null ? session.webIdProvider() : root.webIdProvider())
                .build();
    }
}
