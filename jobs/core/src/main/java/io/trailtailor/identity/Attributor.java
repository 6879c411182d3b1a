package io.trailtailor.identity;

import io.trailtailor.event.ApiCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Names the workload and pod behind a call, given its credential session (resolved through {@link SessionChain})
 * and the pods of the session's {@link CandidateScope}. Pure: the caller supplies the state; the pods passed may be
 * a superset, the attributor filters them itself. Guarantee: a candidate is alive at the relevant time (within the
 * clock skew) and of the session's service account (IRSA), node (instance profile) or name (Pod Identity without
 * tags); the pod that made the call is among the candidates whenever the audit log recorded it.
 */
public final class Attributor {

    /** Default tolerance between audit-log and CloudTrail clocks and delivery timestamps. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(5);

    private final Duration skew;

    public Attributor(Duration skew) {
        if (skew == null || skew.isNegative()) {
            throw new IllegalArgumentException("clock skew must be zero or positive");
        }
        this.skew = skew;
    }

    public static Attributor defaults() {
        return new Attributor(DEFAULT_SKEW);
    }

    public Duration skew() {
        return skew;
    }

    /**
     * Attributes one call. {@code session} null means no session is known for the call's key (the call is reported
     * UNKNOWN); {@code node} is the node of the session's instance (INSTANCE_PROFILE) or null; {@code pods} the pod
     * lifetimes of the scope (may be empty).
     */
    public AttributedCall attribute(
            ApiCall call, CredentialSession session, NodeIdentity node, Collection<PodLifetime> pods) {
        Result r = new Result(call, session);
        if (session == null) {
            r.basis = "no session";
            r.notes.add("no issuing event and no identity to infer from");
            return r.build();
        }
        if (!session.issuerInWindow()) {
            r.notes.add("issuer outside window");
        }
        if (session.mechanism() == Mechanism.ROLE_CHAIN) {
            r.notes.add("role chain from " + session.rootMechanism());
        }
        switch (session.effectiveMechanism()) {
            case POD_IDENTITY -> podIdentity(r, session, pods);
            case IRSA -> irsa(r, session, call, pods);
            case INSTANCE_PROFILE -> instanceProfile(r, session, call, node, pods);
            case UNKNOWN -> {
                r.basis = "unknown";
                r.confidence = 0;
            }
            default -> {
                r.basis = session.issuerInWindow() ? "issuing event" : "caller identity";
                r.confidence = session.rootPrincipal() == null ? 0 : 1;
                if (session.podUid() != null || session.podName() != null) {
                    // An AWS service acting for a pod (EKS minting Pod Identity credentials): the pod is known as for
                    // the
                    // session it mints.
                    podIdentity(r, session, pods);
                }
            }
        }
        return r.build();
    }

    private void podIdentity(Result r, CredentialSession s, Collection<PodLifetime> pods) {
        if (s.podUid() != null) {
            r.basis = "session tags";
            r.podUid = s.podUid();
            r.podName = s.podName();
            r.candidates.put(s.podUid(), null);
            r.confidence = 1;
            for (PodLifetime p : pods) {
                if (s.podUid().equals(p.uid())) {
                    r.node = p.node();
                }
            }
            return;
        }
        r.basis = "session name";
        r.notes.add("pod identity session tags absent");
        if (s.podName() == null) {
            r.confidence = 0;
            return;
        }
        Instant at = s.issuedAt() != null ? s.issuedAt() : r.call.eventTime();
        PodIdentitySessionName name = PodIdentitySessionName.parse(s.sessionName(), null);
        // The session's cluster is a guess from a split of the session name; the matching pods say it for sure.
        String guessedCluster = r.cluster;
        r.cluster = null;
        r.podName = null;
        choose(
                r,
                pods,
                p -> (name != null
                                ? name.matches(p.cluster(), p.name())
                                : s.podName().equals(p.name()) && sameCluster(s.cluster(), p.cluster()))
                        && (s.namespace() == null || s.namespace().equals(p.namespace()))
                        && (s.serviceAccount() == null
                                || p.serviceAccount() == null
                                || s.serviceAccount().equals(p.serviceAccount()))
                        && p.aliveAt(at, skew));
        if (r.cluster == null) {
            r.cluster = guessedCluster;
        }
        if (r.podName == null) {
            r.podName = s.podName();
        }
        if (name != null && !name.complete()) {
            r.notes.add("session name truncated");
        }
    }

    private void irsa(Result r, CredentialSession s, ApiCall call, Collection<PodLifetime> pods) {
        if (s.namespace() == null || s.serviceAccount() == null) {
            r.basis = "web identity provider";
            r.notes.add("service account unknown");
            r.confidence = 0;
            return;
        }
        r.basis = "service account pods at issue";
        Instant issued = s.issuedAt() != null ? s.issuedAt() : call.eventTime();
        // The pod that minted the session was alive at issue. Not required alive at the call: credentials outlive
        // their pod when they are copied elsewhere, and the audit log may miss or delay a deletion.
        choose(
                r,
                pods,
                p -> s.namespace().equals(p.namespace())
                        && s.serviceAccount().equals(p.serviceAccount())
                        && sameCluster(s.cluster(), p.cluster())
                        && p.aliveAt(issued, skew));
        if (r.candidates.size() > 1 && call.sourceIp() != null) {
            // A hint only: with SNAT or a NAT gateway the source is the node or the gateway, so it never narrows the
            // set.
            List<String> sameIp = r.candidates.values().stream()
                    .filter(p -> call.sourceIp().equals(p.podIp()))
                    .map(PodLifetime::uid)
                    .toList();
            if (sameIp.size() == 1) {
                r.notes.add("source ip matches pod " + sameIp.get(0));
            }
        }
    }

    private void instanceProfile(
            Result r, CredentialSession s, ApiCall call, NodeIdentity node, Collection<PodLifetime> pods) {
        r.notes.add("node role is shared with the kubelet and node agents");
        r.namespace = null;
        r.serviceAccount = null;
        if (node == null
                || node.instanceId() == null
                || !node.instanceId().equalsIgnoreCase(String.valueOf(s.instanceId()))) {
            r.basis = "instance id";
            r.notes.add("node unknown");
            r.confidence = 0;
            return;
        }
        r.basis = "node pods at call";
        r.node = node.nodeName();
        r.cluster = node.cluster();
        // The node itself (kubelet, CNI, agents) is always a possible caller too: even one pod is not exact, and the
        // workload is not named (the synthetic ground truth has a quarter of node-role calls made by no pod).
        for (PodLifetime p : pods) {
            if (p.uid() != null
                    && node.nodeName().equals(p.node())
                    && sameCluster(node.cluster(), p.cluster())
                    && p.aliveAt(call.eventTime(), skew)) {
                r.candidates.put(p.uid(), p);
            }
        }
        r.confidence = 1.0 / (r.candidates.size() + 1);
        if (r.candidates.isEmpty()) {
            r.notes.add("no pod alive");
        }
    }

    private void choose(Result r, Collection<PodLifetime> pods, Predicate<PodLifetime> fits) {
        List<PodLifetime> chosen = new ArrayList<>();
        for (PodLifetime p : pods) {
            if (p.uid() != null && fits.test(p)) {
                chosen.add(p);
                r.candidates.put(p.uid(), p);
            }
        }
        int n = r.candidates.size();
        r.confidence = n == 0 ? 0 : 1.0 / n;
        if (n == 0) {
            r.notes.add("no pod alive");
            return;
        }
        if (n == 1) {
            PodLifetime only = chosen.get(0);
            r.podUid = only.uid();
            r.podName = only.name();
            r.node = r.node != null ? r.node : only.node();
        }
        // Fill workload fields only when every candidate agrees.
        r.namespace = r.namespace != null ? r.namespace : agreed(chosen, PodLifetime::namespace);
        r.serviceAccount = r.serviceAccount != null ? r.serviceAccount : agreed(chosen, PodLifetime::serviceAccount);
        r.cluster = r.cluster != null ? r.cluster : agreed(chosen, PodLifetime::cluster);
        if (r.node == null) {
            r.node = agreed(chosen, PodLifetime::node);
        }
    }

    private static String agreed(List<PodLifetime> pods, java.util.function.Function<PodLifetime, String> field) {
        String value = null;
        for (PodLifetime p : pods) {
            String v = field.apply(p);
            if (v == null || (value != null && !value.equals(v))) {
                return null;
            }
            value = v;
        }
        return value;
    }

    /** A tags-less Pod Identity session knows only the first 10 characters of the cluster name. */
    private static boolean sameCluster(String sessionCluster, String podCluster) {
        if (sessionCluster == null || podCluster == null) {
            return true;
        }
        return sessionCluster.equals(podCluster)
                || (sessionCluster.length() == PodIdentitySessionName.CLUSTER_CHARS
                        && PodIdentitySessionName.clusterPart(podCluster).equals(sessionCluster));
    }

    /** Mutable assembly of one attribution. */
    private static final class Result {
        final ApiCall call;
        final CredentialSession session;
        String cluster;
        String namespace;
        String serviceAccount;
        String podUid;
        String podName;
        String node;
        double confidence;
        String basis;
        final TreeMap<String, PodLifetime> candidates = new TreeMap<>();
        final List<String> notes = new ArrayList<>();

        Result(ApiCall call, CredentialSession session) {
            this.call = call;
            this.session = session;
            if (session != null) {
                cluster = session.cluster();
                namespace = session.namespace();
                serviceAccount = session.serviceAccount();
                podName = session.podName();
            }
        }

        AttributedCall build() {
            CredentialSession s = session;
            String key = s != null && s.accessKeyId() != null
                    ? s.accessKeyId()
                    : call.identity().accessKeyId();
            return new AttributedCall(
                    call.eventId(),
                    call.eventTime(),
                    call.eventSource(),
                    call.eventName(),
                    key,
                    s == null ? Mechanism.UNKNOWN : s.mechanism(),
                    s == null ? Mechanism.UNKNOWN : s.rootMechanism(),
                    s == null ? call.identity().sessionIssuerArn() : s.roleArn(),
                    s == null ? call.identity().arn() : s.rootPrincipal(),
                    cluster,
                    namespace,
                    serviceAccount,
                    podUid,
                    podName,
                    new ArrayList<>(candidates.keySet()),
                    node,
                    s == null ? null : s.instanceId(),
                    confidence,
                    basis,
                    notes,
                    call.denied());
        }
    }
}
