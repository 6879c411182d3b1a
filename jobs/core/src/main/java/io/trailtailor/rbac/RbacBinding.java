package io.trailtailor.rbac;

import java.util.List;

/** A RoleBinding ({@code namespace} set) or ClusterRoleBinding to one generated role. */
public record RbacBinding(
        String kind, String name, String namespace, String roleKind, String roleName, List<RbacSubject> subjects) {
    public RbacBinding {
        subjects = List.copyOf(subjects);
    }
}
