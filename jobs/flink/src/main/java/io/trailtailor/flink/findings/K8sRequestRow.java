package io.trailtailor.flink.findings;

import io.trailtailor.event.AuditEvent;
import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.rbac.K8sAccess;
import io.trailtailor.rbac.K8sAccesses;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One kind of Kubernetes request summed over audit events: per (cluster, username, groups, IAM ARN, verb, group,
 * resource, subresource, namespace, name, decision, reason), with the count, first and last time and up to five
 * auditIDs. A Flink POJO (strings, primitives, string arrays).
 */
public class K8sRequestRow {

    static final String REASON = "authorization.k8s.io/reason";
    private static final int MAX_SAMPLES = 5;

    public String cluster;
    public String username;
    public String[] groups;
    public String iamArn;
    /** The principal the RBAC generator keys the request by ({@link K8sAccesses}). */
    public String rbacPrincipal;

    public String verb;
    public String apiGroup;
    public String resource;
    public String subresource;
    public String namespace;
    public String name;
    public boolean allowed;
    public String reason;
    public long count;
    public long firstSeen;
    public long lastSeen;
    public String[] samples;

    public K8sRequestRow() {}

    /** The request an audit event records, or empty when it is no resource request (see {@link K8sAccesses}). */
    static Optional<K8sRequestRow> of(AuditEvent e) {
        Optional<K8sAccess> access = K8sAccesses.from(e);
        if (access.isEmpty()) {
            return Optional.empty();
        }
        K8sAccess a = access.get();
        K8sRequestRow r = new K8sRequestRow();
        r.cluster = a.cluster();
        r.username = e.user().username();
        r.groups = new TreeSet<>(e.user().groups()).toArray(String[]::new);
        r.iamArn = firstNonBlank(e.user().extraValue("canonicalArn"), e.user().extraValue("arn"));
        r.rbacPrincipal = a.principal();
        r.verb = a.verb();
        r.apiGroup = a.apiGroup();
        r.resource = a.resource();
        r.subresource = a.subresource();
        r.namespace = a.namespace();
        r.name = a.name();
        r.allowed = a.allowed();
        r.reason = e.annotations().getOrDefault(REASON, e.reason());
        r.count = 1;
        long t = e.requestReceivedTimestamp() == null
                ? 0L
                : e.requestReceivedTimestamp().toEpochMilli();
        r.firstSeen = t;
        r.lastSeen = t;
        r.samples = e.auditId() == null ? new String[0] : new String[] {e.auditId()};
        return Optional.of(r);
    }

    /** The grouping key: every field but the counts and samples. */
    String key() {
        return String.join(
                "\u0000",
                cluster,
                String.valueOf(username),
                String.join(",", groups),
                String.valueOf(iamArn),
                verb,
                apiGroup,
                resource,
                String.valueOf(subresource),
                String.valueOf(namespace),
                String.valueOf(name),
                String.valueOf(allowed),
                String.valueOf(reason));
    }

    /** The sum of two rows of one key, independent of order. */
    static K8sRequestRow merge(K8sRequestRow a, K8sRequestRow b) {
        K8sRequestRow m = new K8sRequestRow();
        m.cluster = a.cluster;
        m.username = a.username;
        m.groups = a.groups;
        m.iamArn = a.iamArn;
        m.rbacPrincipal = a.rbacPrincipal;
        m.verb = a.verb;
        m.apiGroup = a.apiGroup;
        m.resource = a.resource;
        m.subresource = a.subresource;
        m.namespace = a.namespace;
        m.name = a.name;
        m.allowed = a.allowed;
        m.reason = a.reason;
        m.count = a.count + b.count;
        m.firstSeen = Math.min(a.firstSeen, b.firstSeen);
        m.lastSeen = Math.max(a.lastSeen, b.lastSeen);
        TreeSet<String> s = new TreeSet<>(Arrays.asList(a.samples));
        s.addAll(Arrays.asList(b.samples));
        m.samples = s.stream().limit(MAX_SAMPLES).toArray(String[]::new);
        return m;
    }

    K8sRequestUse toUse() {
        return new K8sRequestUse(
                cluster,
                username,
                List.of(groups),
                iamArn,
                verb,
                apiGroup,
                resource,
                subresource,
                namespace,
                name,
                allowed,
                reason,
                count,
                Instant.ofEpochMilli(firstSeen),
                Instant.ofEpochMilli(lastSeen),
                List.of(samples));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
