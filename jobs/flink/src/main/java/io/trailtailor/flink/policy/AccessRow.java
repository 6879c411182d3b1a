package io.trailtailor.flink.policy;

import io.trailtailor.rbac.K8sAccess;

/**
 * One kind of Kubernetes request a principal made, counted: {@link K8sAccess} as a Flink POJO, so that rows can be
 * summed before a principal's rows are held for RBAC synthesis.
 */
public class AccessRow {

    public String cluster;
    public String principal;
    public String verb;
    public String apiGroup;
    public String resource;
    public String subresource;
    public String namespace;
    public String name;
    public boolean allowed;
    public long count;

    public AccessRow() {}

    static AccessRow of(K8sAccess a) {
        AccessRow r = new AccessRow();
        r.cluster = a.cluster();
        r.principal = a.principal();
        r.verb = a.verb();
        r.apiGroup = a.apiGroup();
        r.resource = a.resource();
        r.subresource = a.subresource();
        r.namespace = a.namespace();
        r.name = a.name();
        r.allowed = a.allowed();
        r.count = 1;
        return r;
    }

    K8sAccess toAccess() {
        return new K8sAccess(cluster, principal, verb, apiGroup, resource, subresource, namespace, name, allowed);
    }

    /** The identity of a request kind: every field but the count. */
    String accessKey() {
        return String.join(
                "\u0000",
                cluster,
                principal,
                verb,
                apiGroup,
                resource,
                String.valueOf(subresource),
                String.valueOf(namespace),
                String.valueOf(name),
                String.valueOf(allowed));
    }

    String principalKey() {
        return cluster + '\u0000' + principal;
    }

    static AccessRow sum(AccessRow a, AccessRow b) {
        AccessRow r = new AccessRow();
        r.cluster = a.cluster;
        r.principal = a.principal;
        r.verb = a.verb;
        r.apiGroup = a.apiGroup;
        r.resource = a.resource;
        r.subresource = a.subresource;
        r.namespace = a.namespace;
        r.name = a.name;
        r.allowed = a.allowed;
        r.count = a.count + b.count;
        return r;
    }
}
