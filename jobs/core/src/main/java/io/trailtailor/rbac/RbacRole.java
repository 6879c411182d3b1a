package io.trailtailor.rbac;

import java.util.List;

/** A generated Role ({@code namespace} set) or ClusterRole ({@code namespace} null) with its sorted rules. */
public record RbacRole(String kind, String name, String namespace, List<PolicyRule> rules) {
    public RbacRole {
        rules = rules.stream().sorted().toList();
    }

    public boolean allows(K8sAccess a) {
        if (namespace != null && !namespace.equals(a.namespace())) return false;
        return rules.stream().anyMatch(r -> r.allows(a));
    }
}
