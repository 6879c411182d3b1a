package io.trailtailor.grants.cluster;

import io.trailtailor.rbac.PolicyRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the RBAC objects of one cluster grant: each role's effective rules (an aggregated ClusterRole holds the
 * rules of every ClusterRole its {@code clusterRoleSelectors} match, transitively, as the aggregation controller
 * keeps it), and each binding's rules with their scope (a RoleBinding to a ClusterRole grants it in the binding's
 * namespace only).
 */
public final class RbacGrants {

    /** The rules one binding grants, in {@code namespace} (null: cluster-wide); {@code role} null if missing. */
    public record BoundRules(
            RbacBindingDef binding,
            String namespace,
            RbacRoleDef role,
            List<PolicyRule> rules,
            List<RbacRoleDef.NonResourceRule> nonResourceRules) {

        public BoundRules {
            rules = List.copyOf(rules);
            nonResourceRules = List.copyOf(nonResourceRules);
        }

        public boolean clusterWide() {
            return namespace == null;
        }
    }

    private final List<RbacRoleDef> roles;
    private final List<RbacBindingDef> bindings;

    public RbacGrants(List<RbacRoleDef> roles, List<RbacBindingDef> bindings) {
        this.roles = List.copyOf(roles);
        this.bindings = List.copyOf(bindings);
    }

    public Optional<RbacRoleDef> role(String kind, String namespace, String name) {
        return roles.stream()
                .filter(r -> r.kind().equals(kind) && r.name().equals(name))
                .filter(r -> kind.equals("ClusterRole") || Objects.equals(r.namespace(), namespace))
                .findFirst();
    }

    /** The role's own rules plus, for an aggregated ClusterRole, those of the ClusterRoles it selects; sorted. */
    public List<PolicyRule> effectiveRules(RbacRoleDef role) {
        TreeSet<PolicyRule> out = new TreeSet<>();
        aggregate(role).forEach(r -> out.addAll(r.rules()));
        return List.copyOf(out);
    }

    public List<RbacRoleDef.NonResourceRule> effectiveNonResourceRules(RbacRoleDef role) {
        List<RbacRoleDef.NonResourceRule> out = new ArrayList<>();
        aggregate(role)
                .forEach(r -> r.nonResourceRules().stream()
                        .filter(x -> !out.contains(x))
                        .forEach(out::add));
        return out;
    }

    /** The role and every ClusterRole reached through aggregation selectors, each once. */
    public List<RbacRoleDef> aggregate(RbacRoleDef role) {
        List<RbacRoleDef> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<RbacRoleDef> todo = new ArrayDeque<>(List.of(role));
        while (!todo.isEmpty()) {
            RbacRoleDef r = todo.pop();
            if (!seen.add(r.kind() + "/" + r.namespace() + "/" + r.name())) continue;
            out.add(r);
            if (!r.clusterRole() || !r.aggregated()) continue;
            for (RbacRoleDef c : roles) {
                if (c.clusterRole() && r.aggregationSelectors().stream().anyMatch(s -> s.matches(c.labels()))) {
                    todo.add(c);
                }
            }
        }
        return out;
    }

    /** Every binding with what it grants, in snapshot order. */
    public List<BoundRules> bound() {
        return bindings.stream().map(this::bound).toList();
    }

    public BoundRules bound(RbacBindingDef b) {
        String scope = b.clusterRoleBinding() ? null : b.namespace();
        Optional<RbacRoleDef> role = role(b.roleKind(), b.namespace(), b.roleName());
        return new BoundRules(
                b,
                scope,
                role.orElse(null),
                role.map(this::effectiveRules).orElse(List.of()),
                role.map(this::effectiveNonResourceRules).orElse(List.of()));
    }

    /**
     * What a subject holds: {@code kind} {@code User}, {@code Group} or {@code ServiceAccount} (then with its
     * namespace). Groups a user belongs to are separate subjects; ask for each.
     */
    public List<BoundRules> forSubject(String kind, String name, String namespace) {
        return bindings.stream()
                .filter(b -> b.subjects().stream()
                        .anyMatch(s -> s.kind().equals(kind)
                                && s.name().equals(name)
                                && (!kind.equals("ServiceAccount")
                                        || Objects.equals(
                                                s.namespace() != null ? s.namespace() : b.namespace(), namespace))))
                .map(this::bound)
                .toList();
    }

    /** Bindings whose role is not in the snapshot (granting nothing until it is created). */
    public List<RbacBindingDef> danglingBindings() {
        return bindings.stream()
                .filter(b -> role(b.roleKind(), b.namespace(), b.roleName()).isEmpty())
                .toList();
    }
}
