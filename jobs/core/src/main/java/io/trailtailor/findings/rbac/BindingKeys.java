package io.trailtailor.findings.rbac;

import io.trailtailor.grants.cluster.RbacBindingDef;

/** One spelling for a binding everywhere (finding grant, evidence source, reason matching): {@code kind/ns/name}. */
public final class BindingKeys {

    private BindingKeys() {}

    public static String of(RbacBindingDef b) {
        return key(b.kind(), b.clusterRoleBinding() ? null : b.namespace(), b.name());
    }

    static String key(String kind, String namespace, String name) {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
