package io.trailtailor.findings.rbac;

import static io.trailtailor.findings.rbac.ClusterFixture.NEW;
import static io.trailtailor.findings.rbac.ClusterFixture.OLD;
import static io.trailtailor.findings.rbac.ClusterFixture.allowed;
import static io.trailtailor.findings.rbac.ClusterFixture.clusterRole;
import static io.trailtailor.findings.rbac.ClusterFixture.clusterRoleBinding;
import static io.trailtailor.findings.rbac.ClusterFixture.group;
import static io.trailtailor.findings.rbac.ClusterFixture.list;
import static io.trailtailor.findings.rbac.ClusterFixture.request;
import static io.trailtailor.findings.rbac.ClusterFixture.role;
import static io.trailtailor.findings.rbac.ClusterFixture.roleBinding;
import static io.trailtailor.findings.rbac.ClusterFixture.rule;
import static io.trailtailor.findings.rbac.ClusterFixture.serviceAccount;
import static io.trailtailor.findings.rbac.ClusterFixture.serviceAccountObject;
import static io.trailtailor.findings.rbac.ClusterFixture.user;

import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import java.nio.file.Path;
import java.util.List;

/**
 * One small cluster shared by the RBAC rule tests. Bindings (all created before the window unless said):
 * {@code readers} (pod-reader to Group ops), {@code app/web} (Role app to SA web/backend), {@code new-one}
 * (pod-reader to User bob, created inside the window), {@code admins} (cluster-admin to User alice),
 * {@code cluster-admin} (to Group system:masters), {@code anon-view} (pod-reader to User system:anonymous) and the
 * default {@code system:public-info-viewer}. Requests: carol of ops gets pods in web, web/backend gets configmaps in
 * web, alice gets pods in default; each names its binding in the reason.
 */
final class Scenario {

    static final String READERS_REASON =
            "RBAC: allowed by ClusterRoleBinding \"readers\" of ClusterRole \"pod-reader\" to Group \"ops\"";
    static final String APP_REASON =
            "RBAC: allowed by RoleBinding \"app/web\" of Role \"app\" to ServiceAccount \"backend/web\"";
    static final String ADMINS_REASON =
            "RBAC: allowed by ClusterRoleBinding \"admins\" of ClusterRole \"cluster-admin\" to User \"alice\"";

    private Scenario() {}

    static ClusterSnapshot snapshot(Path dir) {
        String rbac = list(
                clusterRole("pod-reader", OLD, rule("", "pods", "get,list")),
                clusterRole("cluster-admin", OLD, rule("*", "*", "*")),
                role("web", "app", OLD, rule("", "configmaps", "get"), rule("", "pods/exec", "create")),
                clusterRoleBinding("readers", "pod-reader", OLD, group("ops")),
                roleBinding("web", "app", "Role", "app", OLD, serviceAccount("web", "backend")),
                clusterRoleBinding("new-one", "pod-reader", NEW, user("bob")),
                clusterRoleBinding("admins", "cluster-admin", OLD, user("alice")),
                clusterRoleBinding("cluster-admin", "cluster-admin", OLD, group("system:masters")),
                clusterRoleBinding("anon-view", "pod-reader", OLD, user("system:anonymous")),
                clusterRoleBinding(
                        "system:public-info-viewer",
                        "system:public-info-viewer",
                        OLD,
                        group("system:authenticated"),
                        group("system:unauthenticated")));
        String sas = list(
                serviceAccountObject("web", "backend", null, "arn:aws:iam::111122223333:role/web-backend"),
                serviceAccountObject("web", "idle", null, "arn:aws:iam::111122223333:role/web-idle"),
                serviceAccountObject("web", "quiet", true, null),
                serviceAccountObject("web", "off", false, null));
        return ClusterFixture.snapshot(dir, rbac, sas);
    }

    static List<K8sRequestUse> requests() {
        return List.of(
                request(
                        "carol",
                        List.of("ops", "system:authenticated"),
                        null,
                        "get",
                        "",
                        "pods",
                        "web",
                        "api-0",
                        true,
                        READERS_REASON,
                        7),
                allowed("system:serviceaccount:web:backend", "get", "configmaps", "web", APP_REASON),
                allowed("alice", "get", "pods", "default", ADMINS_REASON));
    }
}
