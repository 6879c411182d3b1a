package io.trailtailor.findings.rbac;

import io.trailtailor.findings.Severity;
import io.trailtailor.rbac.PolicyRule;
import java.util.List;

/**
 * The RBAC grants that hand out more than their own resource (rbac-police, Kubescape C-0015/C-0191/C-0282, kube-bench
 * 4.1.2/4.1.8/4.1.10/4.1.12): reading secrets, binding or escalating roles, impersonating, minting service-account
 * tokens, exec into pods, the kubelet API through {@code nodes/proxy}.
 */
public enum SensitiveGrant {
    SECRETS_READ(Severity.HIGH, "", List.of("secrets"), List.of("get", "list", "watch")),
    BIND(Severity.CRITICAL, "rbac.authorization.k8s.io", List.of("roles", "clusterroles"), List.of("bind")),
    ESCALATE(Severity.CRITICAL, "rbac.authorization.k8s.io", List.of("roles", "clusterroles"), List.of("escalate")),
    IMPERSONATE(Severity.CRITICAL, "", List.of("users", "groups", "serviceaccounts"), List.of("impersonate")),
    SERVICE_ACCOUNT_TOKEN(Severity.CRITICAL, "", List.of("serviceaccounts/token"), List.of("create")),
    PODS_EXEC(Severity.HIGH, "", List.of("pods/exec"), List.of("create", "get")),
    NODES_PROXY(Severity.HIGH, "", List.of("nodes/proxy"), List.of("get", "create"));

    private final Severity severity;
    private final String group;
    private final List<String> resources;
    private final List<String> verbs;

    SensitiveGrant(Severity severity, String group, List<String> resources, List<String> verbs) {
        this.severity = severity;
        this.group = group;
        this.resources = resources;
        this.verbs = verbs;
    }

    public Severity severity() {
        return severity;
    }

    /** The capability's (verb group/resource) forms, as {@link K8sUses#action} writes requests. */
    public List<String> forms() {
        return resources.stream()
                .flatMap(r -> verbs.stream().map(v -> v + " " + (group.isEmpty() ? "" : group + "/") + r))
                .toList();
    }

    /** Whether the rule grants some form of it (names aside: a named secret is still a secret). */
    public boolean grantedBy(PolicyRule rule) {
        boolean groupOk = rule.apiGroups().contains("*") || rule.apiGroups().contains(group);
        boolean verbOk = rule.verbs().contains("*") || verbs.stream().anyMatch(rule.verbs()::contains);
        return groupOk && verbOk && resources.stream().anyMatch(r -> resourceMatches(rule.resources(), r));
    }

    /** Whether a request of this form was made: the request's (verb group/resource) is one of the forms. */
    public boolean usedBy(String action) {
        return forms().contains(action);
    }

    private static boolean resourceMatches(List<String> granted, String resource) {
        if (granted.contains("*") || granted.contains(resource)) return true;
        int slash = resource.indexOf('/');
        if (slash < 0) return false;
        return granted.contains(resource.substring(0, slash) + "/*")
                || granted.contains("*" + resource.substring(slash));
    }
}
