package io.trailtailor.rbac;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * One Kubernetes RBAC rule over resources (lists are sorted and de-duplicated). An empty {@code resourceNames}
 * means any name.
 */
public record PolicyRule(List<String> apiGroups, List<String> resources, List<String> resourceNames, List<String> verbs)
        implements Comparable<PolicyRule> {

    public PolicyRule {
        apiGroups = sorted(apiGroups);
        resources = sorted(resources);
        resourceNames = sorted(resourceNames);
        verbs = sorted(verbs);
    }

    private static List<String> sorted(List<String> in) {
        return in == null ? List.of() : List.copyOf(new TreeSet<>(in));
    }

    /** Whether this rule allows the request, with RBAC's {@code *} semantics for groups, resources and verbs. */
    public boolean allows(K8sAccess a) {
        return matches(apiGroups, a.apiGroup())
                && matchesResource(a)
                && matches(verbs, a.verb())
                && (resourceNames.isEmpty() || (a.name() != null && resourceNames.contains(a.name())));
    }

    private boolean matchesResource(K8sAccess a) {
        String r = a.rbacResource();
        for (String x : resources) {
            if (x.equals("*") || x.equals(r)) return true;
            // "*/scale" and "pods/*" forms, as the RBAC authorizer accepts them
            if (x.startsWith("*/") && a.subresource() != null && x.substring(2).equals(a.subresource())) return true;
            if (x.endsWith("/*")
                    && a.subresource() != null
                    && x.substring(0, x.length() - 2).equals(a.resource())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> values, String v) {
        return values.contains("*") || values.contains(v);
    }

    private static final Comparator<PolicyRule> ORDER = Comparator.comparing(
                    (PolicyRule r) -> String.join(",", r.apiGroups()))
            .thenComparing(r -> String.join(",", r.resources()))
            .thenComparing(r -> String.join(",", r.resourceNames()))
            .thenComparing(r -> String.join(",", r.verbs()));

    @Override
    public int compareTo(PolicyRule o) {
        return ORDER.compare(this, o);
    }
}
