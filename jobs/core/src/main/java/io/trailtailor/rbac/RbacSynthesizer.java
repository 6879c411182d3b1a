package io.trailtailor.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sizes Kubernetes RBAC to what principals did: the pure core of audit2rbac-style generation. Use in one namespace
 * becomes a Role and RoleBinding there (one per namespace when several were used, which is exact where one
 * ClusterRole bound in each would grant the union everywhere); cluster-wide use (cluster-scoped resources, or
 * requests across all namespaces) becomes a ClusterRole and ClusterRoleBinding. Rules hold exactly the groups,
 * resources (with {@code pods/log} subresource form) and verbs seen.
 */
public final class RbacSynthesizer {

    /** Verbs whose requests carry no object name, so {@code resourceNames} can never match them. */
    static final Set<String> UNNAMEABLE_VERBS = Set.of("create", "list", "watch", "deletecollection");

    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private final RbacOptions options;
    private final EksAccessPolicies eksPolicies;

    public RbacSynthesizer(RbacOptions options, EksAccessPolicies eksPolicies) {
        this.options = options;
        this.eksPolicies = eksPolicies;
    }

    public RbacSynthesizer(RbacOptions options) {
        this(options, EksAccessPolicies.loadDefault());
    }

    /** One result per (cluster, principal), sorted by cluster then principal. */
    public List<RbacResult> synthesize(Collection<K8sAccess> accesses) {
        Map<String, Map<String, List<K8sAccess>>> byClusterPrincipal = new TreeMap<>();
        for (K8sAccess a : accesses) {
            byClusterPrincipal
                    .computeIfAbsent(a.cluster(), k -> new TreeMap<>())
                    .computeIfAbsent(a.principal(), k -> new ArrayList<>())
                    .add(a);
        }
        List<RbacResult> out = new ArrayList<>();
        byClusterPrincipal.forEach((cluster, byPrincipal) ->
                byPrincipal.forEach((principal, rows) -> out.add(synthesizeOne(cluster, principal, rows))));
        return out;
    }

    /** The result for one principal's rows (all must be of that cluster and principal). */
    public RbacResult synthesizeOne(String cluster, String principalString, List<K8sAccess> rows) {
        RbacPrincipal principal = RbacPrincipal.parse(principalString);
        List<K8sAccess> granted = new ArrayList<>();
        List<K8sAccess> denied = new ArrayList<>();
        for (K8sAccess a : rows) {
            if (!a.cluster().equals(cluster) || !a.principal().equals(principalString)) {
                throw new IllegalArgumentException("row of another cluster or principal: " + a);
            }
            if (!a.allowed()) denied.add(a);
            if (a.allowed() || options.includeDenied()) granted.add(a);
        }
        granted.sort(ACCESS_ORDER);
        denied.sort(ACCESS_ORDER);

        // Scope key: "" for cluster-wide use, else the namespace; TreeMap puts the ClusterRole first.
        Map<String, List<K8sAccess>> byScope = new TreeMap<>();
        for (K8sAccess a : granted) {
            byScope.computeIfAbsent(a.clusterWide() ? "" : a.namespace(), k -> new ArrayList<>())
                    .add(a);
        }
        String name = options.namePrefix() + principal.fileBase();
        RbacSubject subject = subject(principal);
        List<RbacRole> roles = new ArrayList<>();
        List<RbacBinding> bindings = new ArrayList<>();
        byScope.forEach((scope, scoped) -> {
            List<PolicyRule> rules = rules(scoped);
            if (scope.isEmpty()) {
                roles.add(new RbacRole("ClusterRole", name, null, rules));
                bindings.add(new RbacBinding("ClusterRoleBinding", name, null, "ClusterRole", name, List.of(subject)));
            } else {
                roles.add(new RbacRole("Role", name, scope, rules));
                bindings.add(new RbacBinding("RoleBinding", name, scope, "Role", name, List.of(subject)));
            }
        });
        Optional<EksAccessPolicies.Recommendation> eks =
                principal.iam() ? eksPolicies.narrowest(granted) : Optional.empty();
        List<String> groups = subject.kind().equals("Group") ? List.of(subject.name()) : List.of();
        return new RbacResult(cluster, principal, roles, bindings, eks, groups, granted, denied, options);
    }

    private RbacSubject subject(RbacPrincipal p) {
        return switch (p.kind()) {
            case SERVICE_ACCOUNT -> new RbacSubject("ServiceAccount", p.name(), p.namespace());
            // EKS maps an IAM user to its ARN by default, so a User subject matches every request it makes.
            case IAM_USER -> new RbacSubject("User", p.principal(), null);
            // A role's default EKS username embeds {{SessionName}}, which changes per session: bind a group instead and
            // give that group to the role's access entry (kubernetesGroups).
            case IAM_ROLE -> new RbacSubject("Group", options.groupPrefix() + p.name(), null);
            case OTHER -> new RbacSubject("User", p.principal(), null);
        };
    }

    /** Exact rules for the accesses of one scope. */
    List<PolicyRule> rules(List<K8sAccess> scoped) {
        // (apiGroup, resource) -> verb -> names used (null element = some request without a name)
        Map<String, Map<String, Map<String, Set<String>>>> use = new TreeMap<>();
        for (K8sAccess a : scoped) {
            Set<String> names = use.computeIfAbsent(a.apiGroup(), k -> new TreeMap<>())
                    .computeIfAbsent(a.rbacResource(), k -> new TreeMap<>())
                    .computeIfAbsent(a.verb(), k -> new TreeSet<>(Comparator.nullsFirst(Comparator.naturalOrder())));
            names.add(a.name());
        }
        // (apiGroup, verbs, names) -> resources ; names empty = unrestricted
        Map<List<String>, Set<String>> merged = new TreeMap<>(LIST_ORDER);
        Map<List<String>, List<List<String>>> keyParts = new TreeMap<>(LIST_ORDER);
        use.forEach((group, byResource) -> byResource.forEach((resource, byVerb) -> {
            Map<Set<String>, Set<String>> verbsByNames = new TreeMap<>(SET_ORDER);
            byVerb.forEach((verb, names) -> {
                boolean restrict = options.resourceNamesThreshold() > 0
                        && !UNNAMEABLE_VERBS.contains(verb)
                        && !names.contains(null)
                        && names.size() <= options.resourceNamesThreshold();
                verbsByNames
                        .computeIfAbsent(restrict ? names : Set.of(), k -> new TreeSet<>())
                        .add(verb);
            });
            verbsByNames.forEach((names, verbs) -> {
                List<String> key = new ArrayList<>();
                key.add(group);
                key.add(String.join(",", verbs));
                key.add(String.join(",", names));
                merged.computeIfAbsent(key, k -> new TreeSet<>()).add(resource);
                keyParts.putIfAbsent(key, List.of(List.of(group), List.copyOf(verbs), List.copyOf(names)));
            });
        }));
        // Rules that differ only in group merge too: the cross product of identical resources/verbs/names is exact.
        Map<List<String>, Set<String>> byRest = new TreeMap<>(LIST_ORDER);
        Map<List<String>, List<List<String>>> restParts = new TreeMap<>(LIST_ORDER);
        merged.forEach((key, resources) -> {
            List<List<String>> parts = keyParts.get(key);
            List<String> rest = List.of(String.join(",", resources), key.get(1), key.get(2));
            byRest.computeIfAbsent(rest, k -> new TreeSet<>()).add(key.get(0));
            restParts.putIfAbsent(rest, List.of(List.copyOf(resources), parts.get(1), parts.get(2)));
        });
        List<PolicyRule> rules = new ArrayList<>();
        byRest.forEach((rest, groups) -> {
            List<List<String>> p = restParts.get(rest);
            rules.add(new PolicyRule(List.copyOf(groups), p.get(0), p.get(2), p.get(1)));
        });
        rules.sort(null);
        return rules;
    }

    private static final Comparator<List<String>> LIST_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    };

    private static final Comparator<Set<String>> SET_ORDER =
            Comparator.comparing((Set<String> s) -> String.join(",", s));

    static final Comparator<K8sAccess> ACCESS_ORDER = Comparator.comparing(K8sAccess::apiGroup)
            .thenComparing(K8sAccess::rbacResource)
            .thenComparing(K8sAccess::verb)
            .thenComparing(a -> a.namespace() == null ? "" : a.namespace())
            .thenComparing(a -> a.name() == null ? "" : a.name())
            .thenComparing(K8sAccess::allowed);

    static String rbacGroup() {
        return RBAC_GROUP;
    }
}
