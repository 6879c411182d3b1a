package io.trailtailor.grants.cluster;

import io.trailtailor.rbac.PolicyRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Role (namespaced) or ClusterRole (namespace null) as the snapshot holds it: rules over resources, rules over
 * non-resource URLs, labels, and for an aggregated ClusterRole its {@code aggregationRule.clusterRoleSelectors}.
 */
public record RbacRoleDef(
        String kind,
        String namespace,
        String name,
        Map<String, String> labels,
        List<PolicyRule> rules,
        List<NonResourceRule> nonResourceRules,
        List<LabelSelector> aggregationSelectors,
        Instant createdAt) {

    public RbacRoleDef {
        labels = Map.copyOf(labels);
        rules = List.copyOf(rules);
        nonResourceRules = List.copyOf(nonResourceRules);
        aggregationSelectors = List.copyOf(aggregationSelectors);
    }

    public boolean clusterRole() {
        return kind.equals("ClusterRole");
    }

    public boolean aggregated() {
        return !aggregationSelectors.isEmpty();
    }

    /** A rule over non-resource URLs ({@code /healthz}, {@code /metrics}, {@code *}). */
    public record NonResourceRule(List<String> urls, List<String> verbs) {
        public NonResourceRule {
            urls = List.copyOf(urls);
            verbs = List.copyOf(verbs);
        }
    }
}
