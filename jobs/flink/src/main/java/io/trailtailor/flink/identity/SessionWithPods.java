package io.trailtailor.flink.identity;

import io.trailtailor.identity.CandidateScope;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.PodIdentitySessionName;
import io.trailtailor.identity.PodLifetime;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolved session with the pods that can have used it: those of its service account alive when it was issued
 * (IRSA), the pod its tags or session name name (Pod Identity). Instance-profile sessions carry none: their pods
 * depend on the call's time and are joined per call.
 */
record SessionWithPods(CredentialSession session, List<PodLifetime> pods, boolean podsAttached) {

    SessionWithPods {
        pods = pods == null ? List.of() : List.copyOf(pods);
    }

    /** A session that went through the pod join (its pods, possibly none, are attached). */
    static SessionWithPods attached(CredentialSession session, List<PodLifetime> pods) {
        return new SessionWithPods(session, pods, true);
    }

    /** A session that needs no pods here, or whose pods are joined per call (inferred in the call join). */
    static SessionWithPods withoutPods(CredentialSession session) {
        return new SessionWithPods(session, List.of(), false);
    }

    /** The pod-state key a session needs, or null when it needs none here. */
    static String podScopeKey(CredentialSession s) {
        if (s.podUid() != null) {
            return "uid|" + s.podUid();
        }
        CandidateScope scope = CandidateScope.of(s);
        return switch (scope.kind()) {
            case SERVICE_ACCOUNT -> serviceAccountKey(scope.cluster(), scope.namespace(), scope.serviceAccount());
            case POD_NAME -> "rk|" + scope.podRoutingKey();
            default -> null;
        };
    }

    /** Every pod-state key a pod lifetime is filed under. */
    static List<String> podScopeKeys(PodLifetime p) {
        List<String> keys = new ArrayList<>(3);
        if (p.uid() != null) {
            keys.add("uid|" + p.uid());
        }
        if (p.serviceAccount() != null) {
            keys.add(serviceAccountKey(p.cluster(), p.namespace(), p.serviceAccount()));
        }
        keys.add("rk|" + PodIdentitySessionName.routingKey(p.cluster(), p.name()));
        return keys;
    }

    static String serviceAccountKey(String cluster, String namespace, String serviceAccount) {
        return "sa|" + cluster + "|" + namespace + "|" + serviceAccount;
    }

    static String nodeKey(String cluster, String node) {
        return "node|" + cluster + "|" + node;
    }
}
