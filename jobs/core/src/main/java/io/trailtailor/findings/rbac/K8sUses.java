package io.trailtailor.findings.rbac;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.rbac.K8sAccess;
import io.trailtailor.rbac.RbacOptions;
import io.trailtailor.rbac.RbacResult;
import io.trailtailor.rbac.RbacSynthesizer;
import io.trailtailor.rbac.RbacYamlRenderer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** The used side of the Kubernetes rules: audit request rows per cluster, as evidence and as RBAC to size to. */
public final class K8sUses {

    private static final int MAX_SAMPLES = 5;

    private K8sUses() {}

    /** The request rows of one cluster (allowed and denied). */
    public static List<K8sRequestUse> ofCluster(FindingContext ctx, String cluster) {
        return ctx.used().k8sRequests().stream()
                .filter(r -> cluster.equals(r.cluster()))
                .toList();
    }

    /** Whether the input holds any audit of the cluster: without it nothing can be called unused. */
    public static boolean audited(FindingContext ctx, String cluster) {
        return ctx.used().k8sRequests().stream().anyMatch(r -> cluster.equals(r.cluster()));
    }

    /** The RBAC form of a request: {@code verb group/resource[/subresource]} (core group written without one). */
    public static String action(K8sRequestUse r) {
        String res = r.subresource() == null || r.subresource().isBlank()
                ? r.resource()
                : r.resource() + "/" + r.subresource();
        String group = r.apiGroup() == null ? "" : r.apiGroup();
        return r.verb() + " " + (group.isEmpty() ? "" : group + "/") + res;
    }

    /** The request as the RBAC generator and the access-policy data read it, or empty for non-resource requests. */
    public static Optional<K8sAccess> access(K8sRequestUse r, String principal) {
        if (r.resource() == null || r.resource().isBlank() || r.verb() == null) return Optional.empty();
        return Optional.of(new K8sAccess(
                r.cluster(),
                principal,
                r.verb(),
                r.apiGroup(),
                r.resource(),
                r.subresource(),
                r.namespace(),
                r.name(),
                r.allowed()));
    }

    /** Allowed requests as accesses of one principal. */
    public static List<K8sAccess> accesses(Collection<K8sRequestUse> rows, String principal) {
        List<K8sAccess> out = new ArrayList<>();
        rows.stream()
                .filter(K8sRequestUse::allowed)
                .forEach(r -> access(r, principal).ifPresent(out::add));
        return out;
    }

    /** Evidence rows: one per (action, namespace/name), counts summed, first/last seen, up to 5 audit ids. */
    public static List<Evidence.Used> evidence(Collection<K8sRequestUse> rows) {
        Map<String, Acc> byKey = new TreeMap<>();
        for (K8sRequestUse r : rows) {
            String resource = (r.namespace() == null ? "" : r.namespace()) + "/" + (r.name() == null ? "" : r.name());
            byKey.computeIfAbsent(action(r) + "\u0000" + resource, k -> new Acc(action(r), resource))
                    .add(r);
        }
        return byKey.values().stream().map(Acc::used).toList();
    }

    public static long count(Collection<K8sRequestUse> rows) {
        return rows.stream().mapToLong(K8sRequestUse::count).sum();
    }

    /**
     * Confidence that an unused grant is unneeded: LOW when it did not exist all window, MEDIUM when the window is
     * shorter than {@code --min-window}, else HIGH.
     */
    public static Confidence unusedConfidence(FindingContext ctx, Instant created) {
        if (!ctx.existedAllWindow(created)) return Confidence.LOW;
        return ctx.windowLongEnough() ? Confidence.HIGH : Confidence.MEDIUM;
    }

    /** Roles and bindings sized to the principal's allowed requests, as YAML; empty when it made none. */
    public static Optional<String> sizedRbacYaml(String cluster, String principal, Collection<K8sRequestUse> rows) {
        Optional<RbacResult> r = sized(cluster, principal, rows);
        return r.filter(x -> !x.roles().isEmpty()).map(x -> new RbacYamlRenderer().render(x));
    }

    public static Optional<RbacResult> sized(String cluster, String principal, Collection<K8sRequestUse> rows) {
        List<K8sAccess> accesses = accesses(rows, principal);
        if (accesses.isEmpty()) return Optional.empty();
        return Optional.of(new RbacSynthesizer(RbacOptions.defaults()).synthesizeOne(cluster, principal, accesses));
    }

    /** The RBAC file this run wrote for the first principal that has one ({@code cluster/principal} keys). */
    public static String rbacFile(FindingContext ctx, String cluster, String... principals) {
        for (String p : principals) {
            if (p == null) continue;
            String f = ctx.rbacFiles().get(cluster + "/" + p);
            if (f != null) return f;
        }
        return null;
    }

    private static final class Acc {
        final String action;
        final String resource;
        long count;
        Instant first;
        Instant last;
        final TreeSet<String> samples = new TreeSet<>();

        Acc(String action, String resource) {
            this.action = action;
            this.resource = resource;
        }

        void add(K8sRequestUse r) {
            count += r.count();
            if (r.firstSeen() != null && (first == null || r.firstSeen().isBefore(first))) first = r.firstSeen();
            if (r.lastSeen() != null && (last == null || r.lastSeen().isAfter(last))) last = r.lastSeen();
            samples.addAll(r.samples());
        }

        Evidence.Used used() {
            return new Evidence.Used(
                    action,
                    resource,
                    count,
                    first,
                    last,
                    samples.stream().limit(MAX_SAMPLES).toList());
        }
    }
}
