package io.trailtailor.rbac;

import java.util.Locale;

/**
 * One kind of Kubernetes API request a principal made, as the RBAC generator consumes it: normalized from audit
 * events upstream (one row may stand for many identical requests). {@code principal} is an IAM ARN (user, role or
 * STS assumed-role) or {@code system:serviceaccount:<ns>:<sa>}; {@code apiGroup} is {@code ""} for the core group;
 * {@code namespace} is null or empty for cluster-scoped requests and for requests across all namespaces;
 * {@code name} is null when the request named no object (list, watch, create, deletecollection).
 */
public record K8sAccess(
        String cluster,
        String principal,
        String verb,
        String apiGroup,
        String resource,
        String subresource,
        String namespace,
        String name,
        boolean allowed) {

    public K8sAccess {
        if (cluster == null || cluster.isBlank()) throw new IllegalArgumentException("cluster is required");
        if (principal == null || principal.isBlank()) throw new IllegalArgumentException("principal is required");
        if (verb == null || verb.isBlank()) throw new IllegalArgumentException("verb is required");
        if (resource == null || resource.isBlank()) throw new IllegalArgumentException("resource is required");
        // Kubernetes verbs, groups and resources are lowercase by API convention; audit logs keep them so, but
        // hand-written rows may not.
        verb = verb.toLowerCase(Locale.ROOT);
        apiGroup = apiGroup == null ? "" : apiGroup.toLowerCase(Locale.ROOT);
        resource = resource.toLowerCase(Locale.ROOT);
        subresource = subresource == null || subresource.isBlank() ? null : subresource.toLowerCase(Locale.ROOT);
        namespace = namespace == null || namespace.isBlank() ? null : namespace;
        name = name == null || name.isBlank() ? null : name;
    }

    /** The RBAC resource string: {@code pods} or, for a subresource, {@code pods/log}. */
    public String rbacResource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /** True when the request was made across the cluster (no namespace): it needs cluster-wide permission. */
    public boolean clusterWide() {
        return namespace == null;
    }
}
