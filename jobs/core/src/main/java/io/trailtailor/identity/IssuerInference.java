package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.Json;
import io.trailtailor.identity.ClusterDirectory.NamedBy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Names the cluster behind an OIDC issuer nobody named, from the audit logs of the clusters the user did name
 * ({@code --k8s-audit NAME=DIR}). An IRSA session says which issuer minted it for which namespace, service account
 * and role ({@link Claim}); the audit log says which service accounts of which cluster are set up for which role: the
 * IRSA webhook's {@code AWS_ROLE_ARN} in a pod's env, the {@code eks.amazonaws.com/role-arn} annotation of a service
 * account ({@link Evidence}). A cluster fits an issuer when it shows a claim of that issuer. The issuer takes the
 * cluster's name only when that is unambiguous:
 *
 * <ul>
 *   <li>one cluster fits, or one cluster shows every claim another fitting cluster shows and more;
 *   <li>no other issuer is given the same cluster, and no other source (CLI, snapshot, EKS events) named the cluster
 *       for another issuer.
 * </ul>
 *
 * Otherwise the issuer keeps its issuer id and the clusters that fit are reported. Kubelet TokenRequests for audience
 * {@code sts.amazonaws.com} corroborate (they are counted) but never name a cluster: they carry no role.
 *
 * <p>The decision is over all facts at once and the facts are few (one per service account and role), so a keyed job
 * gathers them in one place and calls {@link #decide} there, as {@link Correlator} does.
 */
public final class IssuerInference {

    /** The annotation the IRSA webhook reads a service account's role from. */
    static final String ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

    /** Where the audit log showed a service account's AWS setup. */
    public enum Source {
        POD_ENV,
        SA_ANNOTATION,
        TOKEN_REQUEST
    }

    /**
     * What IRSA credentials say of their issuer: a role, and the namespace and service account when the issuing event
     * was seen (null when only a call made with them was).
     */
    public record Claim(String issuer, String namespace, String serviceAccount, String roleArn) {}

    /** A service account of a cluster set up for a role; {@code roleArn} is null for a token request. */
    public record Evidence(String cluster, String namespace, String serviceAccount, String roleArn, Source source) {}

    /** What one cluster's audit log shows of an issuer's claims, by kind of evidence. */
    public record Fit(String cluster, int podEnv, int saAnnotation, int tokenRequests) {

        /** Whether the cluster shows a claim's role (token requests alone do not). */
        public boolean showsRole() {
            return podEnv + saAnnotation > 0;
        }
    }

    /**
     * How an issuer got its name: {@code cluster} is null when nobody named it; {@code claims} counts its distinct
     * claims; {@code evidence} what each cluster with any evidence shows of them; {@code reason} says why in words.
     */
    public record Decision(
            String issuer, String cluster, NamedBy namedBy, int claims, List<Fit> evidence, String reason) {

        public Decision {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }

        /**
         * Whether clusters fit but none could be chosen: several fit, the one that fits is another issuer's, or it
         * fits another issuer as well (the summary lists these).
         */
        public boolean ambiguous() {
            return namedBy == NamedBy.NONE && !fitting().isEmpty();
        }

        /** The clusters whose audit log shows the role of a claim. */
        public List<String> fitting() {
            return evidence.stream().filter(Fit::showsRole).map(Fit::cluster).toList();
        }
    }

    private IssuerInference() {}

    /** The claim of an IRSA session: its issuer, role and, from the issuing event, namespace and service account. */
    public static Optional<Claim> claimOf(CredentialSession s) {
        if (s == null || s.mechanism() != Mechanism.IRSA || s.roleArn() == null) {
            return Optional.empty();
        }
        String issuer = eksIssuer(s.webIdProvider());
        return issuer == null
                ? Optional.empty()
                : Optional.of(new Claim(issuer, s.namespace(), s.serviceAccount(), s.roleArn()));
    }

    /** The claim of a call made with IRSA credentials ({@code webIdFederationData}): issuer and role only. */
    public static Optional<Claim> claimOf(ApiCall call) {
        String issuer = eksIssuer(call.identity().webIdProvider());
        String role = call.identity().sessionIssuerArn();
        return issuer == null || role == null ? Optional.empty() : Optional.of(new Claim(issuer, null, null, role));
    }

    /** The role a pod's env binds its service account to (the IRSA webhook's {@code AWS_ROLE_ARN}). */
    public static Optional<Evidence> evidenceOf(PodLifetime p) {
        if (p.irsaRoleArn() == null || p.serviceAccount() == null || p.cluster() == null) {
            return Optional.empty();
        }
        return Optional.of(
                new Evidence(p.cluster(), p.namespace(), p.serviceAccount(), p.irsaRoleArn(), Source.POD_ENV));
    }

    /**
     * What an audit event shows besides pods: a service account written with the IRSA role annotation, or a kubelet
     * asking for a token of audience {@code sts.amazonaws.com}.
     */
    public static Optional<Evidence> evidenceOf(AuditEvent e) {
        if (e.cluster() == null || !AuditRouting.succeeded(e) || !"serviceaccounts".equals(e.resource())) {
            return Optional.empty();
        }
        if ("token".equals(e.subresource())) {
            return TokenRequestEvidence.from(e)
                    .filter(t -> t.audiences().contains(PodSpecs.IRSA_AUDIENCE) && t.serviceAccount() != null)
                    .map(t -> new Evidence(t.cluster(), t.namespace(), t.serviceAccount(), null, Source.TOKEN_REQUEST));
        }
        if (e.subresource() != null || !Set.of("create", "update", "patch").contains(e.verb())) {
            return Optional.empty();
        }
        for (String object : new String[] {e.responseObject(), e.requestObject()}) {
            JsonNode meta = Json.tree(object).path("metadata");
            String role = Json.text(meta.path("annotations"), ROLE_ANNOTATION);
            String ns = SessionExtractor.firstNonNull(e.objectRef().namespace(), Json.text(meta, "namespace"));
            String sa = SessionExtractor.firstNonNull(e.objectRef().name(), Json.text(meta, "name"));
            if (role != null && !role.isBlank() && ns != null && sa != null) {
                return Optional.of(new Evidence(e.cluster(), ns, sa, role, Source.SA_ANNOTATION));
            }
        }
        return Optional.empty();
    }

    /**
     * Decides every issuer the claims or the directory name. Issuers the directory names keep that name (with its
     * source); the directory's own audit-inferred entries are ignored, as this decision replaces them.
     */
    public static List<Decision> decide(
            Collection<Claim> claims, Collection<Evidence> evidence, ClusterDirectory directory) {
        Map<String, Set<Claim>> claimsByIssuer = new TreeMap<>();
        for (Claim c : claims) {
            claimsByIssuer.computeIfAbsent(c.issuer(), k -> new HashSet<>()).add(c);
        }
        Map<String, String> namedElsewhere = new TreeMap<>();
        for (Map.Entry<String, String> e : directory.entries().entrySet()) {
            if (directory.namedBy(e.getKey()) != NamedBy.AUDIT) {
                namedElsewhere.put(e.getKey(), e.getValue());
                claimsByIssuer.computeIfAbsent(e.getKey(), k -> new HashSet<>());
            }
        }
        Index index = new Index(evidence);
        Map<String, Decision> decisions = new TreeMap<>();
        Map<String, List<String>> issuersByWinner = new TreeMap<>();
        for (Map.Entry<String, Set<Claim>> e : claimsByIssuer.entrySet()) {
            String issuer = e.getKey();
            Set<Claim> own = e.getValue();
            List<Fit> fits = index.fits(own);
            String named = namedElsewhere.get(issuer);
            if (named != null) {
                decisions.put(
                        issuer, new Decision(issuer, named, directory.namedBy(issuer), own.size(), fits, "named"));
                continue;
            }
            // A cluster has one issuer: one named for another issuer is not a candidate.
            Map<String, Set<Claim>> support = new TreeMap<>();
            for (Fit fit : fits) {
                if (fit.showsRole() && !namedElsewhere.containsValue(fit.cluster())) {
                    support.put(fit.cluster(), index.shown(fit.cluster(), own));
                }
            }
            String winner = dominant(support);
            if (winner != null) {
                decisions.put(
                        issuer,
                        new Decision(
                                issuer,
                                winner,
                                NamedBy.AUDIT,
                                own.size(),
                                fits,
                                support.size() == 1
                                        ? "one cluster fits"
                                        : "shows every claim the other fitting clusters show, and more"));
                issuersByWinner.computeIfAbsent(winner, k -> new ArrayList<>()).add(issuer);
            } else {
                decisions.put(issuer, new Decision(issuer, null, NamedBy.NONE, own.size(), fits, why(support, fits)));
            }
        }
        for (Map.Entry<String, List<String>> w : issuersByWinner.entrySet()) {
            if (w.getValue().size() > 1) {
                for (String issuer : w.getValue()) {
                    Decision d = decisions.get(issuer);
                    decisions.put(
                            issuer,
                            new Decision(
                                    issuer,
                                    null,
                                    NamedBy.NONE,
                                    d.claims(),
                                    d.evidence(),
                                    "cluster " + w.getKey() + " fits "
                                            + w.getValue().size() + " issuers"));
                }
            }
        }
        return List.copyOf(decisions.values());
    }

    private static String why(Map<String, Set<Claim>> support, List<Fit> fits) {
        if (support.size() > 1) {
            return support.size() + " clusters fit: " + String.join(", ", support.keySet());
        }
        if (!fits.isEmpty() && fits.stream().noneMatch(Fit::showsRole)) {
            return "only token requests corroborate";
        }
        return fits.isEmpty() ? "no evidence in the audit log" : "fitting cluster named for another issuer";
    }

    /** Issuer → cluster of the decisions that name one from the audit log. */
    public static Map<String, String> inferredNames(Collection<Decision> decisions) {
        Map<String, String> names = new TreeMap<>();
        for (Decision d : decisions) {
            if (d.namedBy() == NamedBy.AUDIT) {
                names.put(d.issuer(), d.cluster());
            }
        }
        return names;
    }

    /** The cluster whose shown claims include every other fitting cluster's and more; null if none is. */
    private static String dominant(Map<String, Set<Claim>> support) {
        for (Map.Entry<String, Set<Claim>> candidate : support.entrySet()) {
            boolean dominates = true;
            for (Map.Entry<String, Set<Claim>> other : support.entrySet()) {
                if (!other.getKey().equals(candidate.getKey())
                        && (!candidate.getValue().containsAll(other.getValue())
                                || candidate.getValue().size()
                                        == other.getValue().size())) {
                    dominates = false;
                    break;
                }
            }
            if (dominates) {
                return candidate.getKey();
            }
        }
        return null;
    }

    private static String eksIssuer(String providerOrIssuer) {
        return ClusterDirectory.isEksIssuer(providerOrIssuer)
                ? ClusterDirectory.normalizeIssuer(providerOrIssuer)
                : null;
    }

    /** The evidence by cluster, with what each cluster shows of a set of claims. */
    private static final class Index {

        /** cluster → (namespace, serviceAccount, role) shown, per source. */
        private final Map<String, Map<Source, Set<List<String>>>> byCluster = new TreeMap<>();

        Index(Collection<Evidence> evidence) {
            for (Evidence e : evidence) {
                byCluster
                        .computeIfAbsent(e.cluster(), k -> new TreeMap<>())
                        .computeIfAbsent(e.source(), k -> new HashSet<>())
                        .add(key(e.namespace(), e.serviceAccount(), e.roleArn()));
            }
        }

        /** The claims the cluster's role evidence (pod env, annotations) shows. */
        Set<Claim> shown(String cluster, Set<Claim> claims) {
            Set<Claim> shown = new HashSet<>();
            for (Claim c : claims) {
                if (shows(cluster, Source.POD_ENV, c) || shows(cluster, Source.SA_ANNOTATION, c)) {
                    shown.add(c);
                }
            }
            return shown;
        }

        /** What each cluster with any evidence for the claims shows of them. */
        List<Fit> fits(Set<Claim> claims) {
            List<Fit> fits = new ArrayList<>();
            for (String cluster : byCluster.keySet()) {
                int env = 0;
                int annotation = 0;
                int tokens = 0;
                for (Claim c : claims) {
                    env += shows(cluster, Source.POD_ENV, c) ? 1 : 0;
                    annotation += shows(cluster, Source.SA_ANNOTATION, c) ? 1 : 0;
                    tokens += shows(cluster, Source.TOKEN_REQUEST, c) ? 1 : 0;
                }
                if (env + annotation + tokens > 0) {
                    fits.add(new Fit(cluster, env, annotation, tokens));
                }
            }
            return fits;
        }

        /**
         * Whether the cluster's evidence of one source shows the claim: the same namespace, service account and role;
         * a claim without service account matches the role alone, a token request the service account alone.
         */
        private boolean shows(String cluster, Source source, Claim c) {
            Set<List<String>> seen = byCluster.getOrDefault(cluster, Map.of()).getOrDefault(source, Set.of());
            if (seen.isEmpty()) {
                return false;
            }
            if (source == Source.TOKEN_REQUEST) {
                return c.serviceAccount() != null && seen.contains(key(c.namespace(), c.serviceAccount(), null));
            }
            if (c.serviceAccount() != null) {
                return seen.contains(key(c.namespace(), c.serviceAccount(), c.roleArn()));
            }
            for (List<String> k : seen) {
                if (c.roleArn().equals(k.get(2))) {
                    return true;
                }
            }
            return false;
        }

        private static List<String> key(String namespace, String serviceAccount, String role) {
            return java.util.Arrays.asList(namespace, serviceAccount, role);
        }
    }
}
