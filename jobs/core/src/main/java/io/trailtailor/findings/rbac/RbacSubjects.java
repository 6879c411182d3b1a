package io.trailtailor.findings.rbac;

import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.grants.cluster.RbacBindingDef;
import io.trailtailor.grants.cluster.RbacBindingDef.Subject;
import java.util.Objects;

/**
 * Binding subjects held against audit requests: a User matches its username, a Group every request whose groups
 * contain it, a ServiceAccount the username {@code system:serviceaccount:<ns>:<name>} (its namespace defaulting to
 * the binding's, as the API server does).
 */
public final class RbacSubjects {

    private static final java.util.Set<String> ANONYMOUS =
            java.util.Set.of("system:anonymous", "system:unauthenticated");

    private RbacSubjects() {}

    /** The subject with its ServiceAccount namespace filled in from the binding. */
    public static Subject resolved(Subject s, RbacBindingDef b) {
        if (!"ServiceAccount".equals(s.kind()) || s.namespace() != null) return s;
        return new Subject(s.kind(), s.name(), b.namespace());
    }

    public static boolean matches(Subject s, K8sRequestUse r) {
        return switch (s.kind()) {
            case "User" -> s.name().equals(r.username());
            case "Group" -> r.groups().contains(s.name());
            case "ServiceAccount" -> serviceAccountUsername(s).equals(r.username());
            default -> false;
        };
    }

    /** The audit username of a User or ServiceAccount subject; {@code group:<name>} for a Group (no one username). */
    public static String principal(Subject s) {
        return switch (s.kind()) {
            case "ServiceAccount" -> serviceAccountUsername(s);
            case "Group" -> "group:" + s.name();
            default -> s.name();
        };
    }

    public static String describe(Subject s) {
        return s.kind() + " " + (s.namespace() == null ? s.name() : s.namespace() + "/" + s.name());
    }

    /**
     * EKS defaults and Kubernetes' own identities: {@code system:*} users and groups (system:masters, system:nodes,
     * system:serviceaccounts...), EKS's {@code eks:*} identities, and service accounts of {@code kube-system}. Not
     * {@code system:anonymous} and {@code system:unauthenticated}: what is bound to them (beyond the default
     * public-info-viewer, itself a {@code system:} binding) is somebody's choice, never a platform default.
     */
    public static boolean system(Subject s) {
        if (ANONYMOUS.contains(s.name())) return false;
        if (s.name().startsWith("system:") || s.name().startsWith("eks:")) return true;
        return "ServiceAccount".equals(s.kind()) && Objects.equals(s.namespace(), "kube-system");
    }

    private static String serviceAccountUsername(Subject s) {
        return "system:serviceaccount:" + s.namespace() + ":" + s.name();
    }
}
