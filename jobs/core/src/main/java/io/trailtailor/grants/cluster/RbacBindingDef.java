package io.trailtailor.grants.cluster;

import java.time.Instant;
import java.util.List;

/** A RoleBinding (namespaced) or ClusterRoleBinding (namespace null): role reference and subjects. */
public record RbacBindingDef(
        String kind,
        String namespace,
        String name,
        String roleKind,
        String roleName,
        List<Subject> subjects,
        Instant createdAt) {

    public RbacBindingDef {
        subjects = List.copyOf(subjects);
    }

    /** A binding subject: {@code User}, {@code Group} or {@code ServiceAccount} (with its namespace). */
    public record Subject(String kind, String name, String namespace) {}

    public boolean clusterRoleBinding() {
        return kind.equals("ClusterRoleBinding");
    }
}
