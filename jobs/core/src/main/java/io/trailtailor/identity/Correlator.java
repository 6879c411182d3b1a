package io.trailtailor.identity;

import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.identity.PodLifetime.PodKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keyed pieces composed in one JVM: the reference semantics of the correlation topology, used by tests and by
 * small local runs. State is what the keyed operators hold (sessions by accessKeyId, {@link PodHistory} by
 * (cluster, namespace, name), {@link NodeHistory} by (cluster, node)); calls are attributed one at a time and never
 * kept. Feed all audit events and STS issuing events first (batch mode joins on keys, so order within each kind
 * does not matter), then attribute calls. Before the first attribution, issuers nobody named get their cluster from
 * the audit log when it is unambiguous ({@link IssuerInference}), as the keyed job decides them once all facts are in.
 */
public final class Correlator {

    private final ClusterDirectory clusters;
    private final SessionExtractor extractor;
    private final Attributor attributor;
    private final Map<String, CredentialSession> sessions = new HashMap<>();
    private final Map<PodKey, PodHistory> pods = new HashMap<>();
    private final Map<NodeKey, NodeHistory> nodes = new HashMap<>();
    private final List<TokenRequestEvidence> tokenRequests = new ArrayList<>();
    private final Set<IssuerInference.Claim> claims = new HashSet<>();
    private final Set<IssuerInference.Evidence> auditEvidence = new HashSet<>();
    private List<IssuerInference.Decision> decisions;
    private Index index;

    /** (cluster, node name). */
    public record NodeKey(String cluster, String node) {}

    public Correlator(ClusterDirectory clusters, Attributor attributor) {
        this.clusters = clusters;
        this.extractor = new SessionExtractor(clusters);
        this.attributor = attributor;
    }

    /** Pods, nodes and kubelet token requests from one audit event. */
    public void observeAudit(AuditEvent e) {
        for (PodKey key : AuditRouting.podKeys(e)) {
            PodHistory h = pods.computeIfAbsent(key, PodHistory::new);
            if (h.accept(e)) {
                index = null;
                decisions = null;
            } else if (h.size() == 0) {
                pods.remove(key);
            }
        }
        String node = AuditRouting.nodeKey(e);
        if (node != null
                && nodes.computeIfAbsent(new NodeKey(e.cluster(), node), k -> new NodeHistory(k.cluster(), k.node()))
                        .accept(e)) {
            index = null;
        }
        TokenRequestEvidence.from(e).ifPresent(tokenRequests::add);
        IssuerInference.evidenceOf(e).filter(auditEvidence::add).ifPresent(x -> decisions = null);
    }

    /**
     * Cluster names from EKS events, sessions from STS issuing events, and what IRSA sessions and the calls made
     * with them say of their issuer; other calls are ignored.
     */
    public void observeCall(ApiCall c) {
        if (clusters.observe(c)) {
            decisions = null;
        }
        Optional<CredentialSession> minted = extractor.fromIssuingEvent(c);
        minted.ifPresent(s -> sessions.merge(s.accessKeyId(), s, Correlator::earlier));
        minted.flatMap(IssuerInference::claimOf).filter(claims::add).ifPresent(x -> decisions = null);
        IssuerInference.claimOf(c).filter(claims::add).ifPresent(x -> decisions = null);
    }

    /**
     * How every issuer got its cluster name; decides (and names in the directory) the issuers the audit log names,
     * once per change of the facts.
     */
    public List<IssuerInference.Decision> issuerDecisions() {
        if (decisions == null) {
            Set<IssuerInference.Evidence> evidence = new HashSet<>(auditEvidence);
            for (PodLifetime p : index().byUid.values()) {
                IssuerInference.evidenceOf(p).ifPresent(evidence::add);
            }
            decisions = IssuerInference.decide(claims, evidence, clusters);
            clusters.replaceInferred(IssuerInference.inferredNames(decisions));
        }
        return decisions;
    }

    private static CredentialSession earlier(CredentialSession a, CredentialSession b) {
        // One key is minted once; a redelivered event must not replace it with a different copy.
        return a.issuedAt() == null || (b.issuedAt() != null && b.issuedAt().isBefore(a.issuedAt())) ? b : a;
    }

    /** The session behind a call: its issuing event if seen, else inferred from the call, resolved up its chain. */
    public Optional<CredentialSession> sessionOf(ApiCall c) {
        issuerDecisions();
        String key = c.identity().accessKeyId();
        CredentialSession s = key == null ? null : sessions.get(key);
        if (s == null) {
            s = extractor.inferFromCall(c).orElse(null);
        }
        if (s == null) {
            return Optional.empty();
        }
        s = extractor.withCurrentClusterName(s);
        return Optional.of(SessionChain.resolve(s, k -> {
            CredentialSession parent = sessions.get(k);
            return parent == null ? null : extractor.withCurrentClusterName(parent);
        }));
    }

    public AttributedCall attribute(ApiCall c) {
        CredentialSession s = sessionOf(c).orElse(null);
        CandidateScope scope = CandidateScope.of(s);
        Index idx = index();
        NodeIdentity node = null;
        Collection<PodLifetime> scoped = List.of();
        switch (scope.kind()) {
            case SERVICE_ACCOUNT ->
                scoped = idx.bySa.getOrDefault(
                        new WorkloadSummary.Key(scope.cluster(), scope.namespace(), scope.serviceAccount()), List.of());
            case POD_NAME -> scoped = idx.byRoutingKey.getOrDefault(scope.podRoutingKey(), List.of());
            case NODE -> {
                node = idx.nodeByInstance.get(scope.instanceId());
                scoped = node == null
                        ? List.of()
                        : idx.byNode.getOrDefault(new NodeKey(node.cluster(), node.nodeName()), List.of());
            }
            default -> {
                if (s != null && s.podUid() != null) {
                    scoped = idx.byUid.containsKey(s.podUid()) ? List.of(idx.byUid.get(s.podUid())) : List.of();
                }
            }
        }
        return attributor.attribute(c, s, node, scoped);
    }

    /** The K8s access row of an IAM-authenticated audit event, joined to its session when known. */
    public Optional<K8sAccess> k8sAccess(AuditEvent e) {
        issuerDecisions();
        String key = K8sAccess.accessKeyOf(e);
        CredentialSession s = key == null ? null : sessions.get(key);
        if (s != null) {
            s = SessionChain.resolve(extractor.withCurrentClusterName(s), k -> {
                CredentialSession parent = sessions.get(k);
                return parent == null ? null : extractor.withCurrentClusterName(parent);
            });
        }
        return K8sAccess.of(e, s);
    }

    public Collection<PodLifetime> podLifetimes() {
        return index().byUid.values();
    }

    public Collection<NodeIdentity> nodeIdentities() {
        return index().nodeByInstance.values();
    }

    public Collection<CredentialSession> sessions() {
        return sessions.values();
    }

    public List<TokenRequestEvidence> tokenRequests() {
        return tokenRequests;
    }

    private Index index() {
        if (index == null) {
            index = new Index();
            for (PodHistory h : pods.values()) {
                for (PodLifetime p : h.lifetimes()) {
                    index.byUid.put(p.uid(), p);
                    index.bySa
                            .computeIfAbsent(
                                    new WorkloadSummary.Key(p.cluster(), p.namespace(), p.serviceAccount()),
                                    k -> new ArrayList<>())
                            .add(p);
                    index.byRoutingKey
                            .computeIfAbsent(
                                    PodIdentitySessionName.routingKey(p.cluster(), p.name()), k -> new ArrayList<>())
                            .add(p);
                    index.byNode
                            .computeIfAbsent(new NodeKey(p.cluster(), p.node()), k -> new ArrayList<>())
                            .add(p);
                }
            }
            for (NodeHistory h : nodes.values()) {
                NodeIdentity n = h.identity();
                if (n.instanceId() != null) {
                    index.nodeByInstance.put(n.instanceId(), n);
                }
            }
        }
        return index;
    }

    /** Secondary indexes, rebuilt when the audit state changes (the keyed job holds each as its own keyed state). */
    private static final class Index {
        final Map<String, PodLifetime> byUid = new HashMap<>();
        final Map<WorkloadSummary.Key, List<PodLifetime>> bySa = new HashMap<>();
        final Map<String, List<PodLifetime>> byRoutingKey = new HashMap<>();
        final Map<NodeKey, List<PodLifetime>> byNode = new HashMap<>();
        final Map<String, NodeIdentity> nodeByInstance = new HashMap<>();
    }
}
