package io.trailtailor.synthetic;

import static io.trailtailor.synthetic.JsonOut.arr;
import static io.trailtailor.synthetic.JsonOut.obj;

import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Credential;
import io.trailtailor.synthetic.Model.NodeGroup;
import io.trailtailor.synthetic.Model.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes {@code snapshots/clusters/<cluster>/} for every cluster of the world, in the shapes the AWS CLI and kubectl
 * print: {@code describe-cluster.json}, {@code rbac.json} (a {@code List} of the EKS default RBAC objects the audit log
 * names plus the deliberate cases), {@code aws-auth.json}, {@code serviceaccounts.json}, and on the first cluster
 * {@code access-entries.json}, {@code associated-access-policies.json} and one file per Pod Identity association
 * under {@code pod-identity-associations/} (the reader takes one association per file, as the CLI prints them).
 *
 * <p>The deliberate RBAC and EKS cases live on the first cluster only; {@link #expectations()} names each with the
 * rule that must fire, for {@code truth/expected-findings.json}. Ids come from their own random, seeded apart from
 * the simulation, so the logs stay byte-identical.
 */
final class ClusterSnapshotWriter {
    static final String CLUSTER_ADMIN_USER = "oncall@example.com";
    static final String UNUSED_BINDING = "legacy-reader";
    static final String SENSITIVE_ROLE = "debug-tools";
    static final String AWS_AUTH_EDITOR = "aws-auth-editor";
    static final String ANONYMOUS_BINDING = "anonymous-pod-lister";
    static final String UNUSED_SA = "legacy-sync";
    static final String UNUSED_ASSOCIATION_SA = "old-exporter";

    private final World w;
    private final String created;
    private final SplittableRandom r;
    private final List<Object> expectations = arr();

    ClusterSnapshotWriter(World w, Instant windowStart, long seed) {
        this.w = w;
        this.created = windowStart.minusSeconds(120L * 86_400).toString().replace("Z", "+00:00");
        this.r = new SplittableRandom(seed ^ 0x5C1A57E5L);
    }

    /** The rule and subject each deliberate case must fire on; filled by {@link #write}. */
    List<Object> expectations() {
        return expectations;
    }

    void write(Path dir) throws IOException {
        for (Cluster c : w.clusters) {
            boolean first = c == w.clusters.get(0);
            Path d = dir.resolve(c.name);
            JsonOut.write(d.resolve("describe-cluster.json"), describeCluster(c));
            JsonOut.write(d.resolve("rbac.json"), list(rbac(c, first)));
            JsonOut.write(d.resolve("aws-auth.json"), awsAuth(c, first));
            JsonOut.write(d.resolve("serviceaccounts.json"), list(serviceAccounts(c, first)));
            if (first) {
                accessEntry(c, d);
                podIdentity(c, d);
            }
        }
    }

    private Object describeCluster(Cluster c) {
        return obj(
                "cluster",
                obj(
                        "name",
                        c.name,
                        "arn",
                        c.arn(),
                        "createdAt",
                        created,
                        "version",
                        "1.30",
                        "endpoint",
                        "https://" + Ids.upperHex(r, 32) + ".gr7." + c.region + ".eks.amazonaws.com",
                        "roleArn",
                        "arn:aws:iam::" + c.account.id + ":role/" + c.name + "-cluster-role",
                        "identity",
                        obj("oidc", obj("issuer", c.issuerUrl())),
                        "status",
                        "ACTIVE",
                        "platformVersion",
                        "eks.8",
                        "accessConfig",
                        obj(
                                "bootstrapClusterCreatorAdminPermissions",
                                false,
                                "authenticationMode",
                                "API_AND_CONFIG_MAP")));
    }

    private static Object list(List<Object> items) {
        return obj("apiVersion", "v1", "kind", "List", "items", items, "metadata", obj("resourceVersion", ""));
    }

    private Object meta(String name, String namespace) {
        return obj("name", name, "namespace", namespace, "creationTimestamp", created.replace("+00:00", "Z"));
    }

    private Object defaultMeta(String name) {
        Map<String, Object> m =
                new LinkedHashMap<>(obj("name", name, "creationTimestamp", created.replace("+00:00", "Z")));
        m.put("labels", obj("kubernetes.io/bootstrapping", "rbac-defaults"));
        return m;
    }

    private static Object rule(List<Object> groups, List<Object> resources, List<Object> verbs) {
        return obj("apiGroups", groups, "resources", resources, "verbs", verbs);
    }

    private static Object subject(String kind, String name, String namespace) {
        return obj(
                "kind", kind,
                "apiGroup", kind.equals("ServiceAccount") ? null : "rbac.authorization.k8s.io",
                "name", name,
                "namespace", namespace);
    }

    private static Object roleRef(String kind, String name) {
        return obj("apiGroup", "rbac.authorization.k8s.io", "kind", kind, "name", name);
    }

    private static Object rbacObject(String kind, Object meta, String key, Object value) {
        return obj("apiVersion", "rbac.authorization.k8s.io/v1", "kind", kind, "metadata", meta, key, value);
    }

    private Object binding(String kind, Object meta, Object ref, List<Object> subjects) {
        Map<String, Object> b =
                new LinkedHashMap<>(obj("apiVersion", "rbac.authorization.k8s.io/v1", "kind", kind, "metadata", meta));
        b.put("roleRef", ref);
        b.put("subjects", subjects);
        return b;
    }

    /** The EKS defaults the audit log's reasons name, and on the first cluster the deliberate cases. */
    private List<Object> rbac(Cluster c, boolean first) {
        List<Object> items = arr();
        items.add(rbacObject(
                "ClusterRole", defaultMeta("cluster-admin"), "rules", arr(rule(arr("*"), arr("*"), arr("*")))));
        items.add(binding(
                "ClusterRoleBinding",
                defaultMeta("cluster-admin"),
                roleRef("ClusterRole", "cluster-admin"),
                arr(subject("Group", "system:masters", null))));
        items.add(rbacObject(
                "ClusterRole",
                defaultMeta("edit"),
                "rules",
                arr(
                        rule(arr(""), arr("pods", "services", "configmaps", "secrets"), arr("*")),
                        rule(arr("apps"), arr("deployments", "replicasets"), arr("*")),
                        rule(arr("batch"), arr("jobs", "cronjobs"), arr("*")))));
        String rs = "system:controller:replicaset-controller";
        items.add(rbacObject(
                "ClusterRole",
                defaultMeta(rs),
                "rules",
                arr(
                        rule(arr("apps", "extensions"), arr("replicasets"), arr("get", "list", "watch", "update")),
                        rule(arr(""), arr("pods"), arr("create", "delete", "list", "patch", "watch")))));
        items.add(binding(
                "ClusterRoleBinding",
                defaultMeta(rs),
                roleRef("ClusterRole", rs),
                arr(subject("ServiceAccount", "replicaset-controller", "kube-system"))));
        items.add(rbacObject(
                "ClusterRole",
                defaultMeta("system:kube-scheduler"),
                "rules",
                arr(rule(
                        arr(""),
                        arr("pods", "nodes", "bindings", "pods/binding"),
                        arr("get", "list", "watch", "create")))));
        items.add(binding(
                "ClusterRoleBinding",
                defaultMeta("system:kube-scheduler"),
                roleRef("ClusterRole", "system:kube-scheduler"),
                arr(subject("User", "system:kube-scheduler", null))));
        items.add(rbacObject(
                "ClusterRole",
                defaultMeta("system:public-info-viewer"),
                "rules",
                arr(obj("nonResourceURLs", arr("/healthz", "/livez", "/readyz", "/version"), "verbs", arr("get")))));
        items.add(binding(
                "ClusterRoleBinding",
                defaultMeta("system:public-info-viewer"),
                roleRef("ClusterRole", "system:public-info-viewer"),
                arr(subject("Group", "system:authenticated", null), subject("Group", "system:unauthenticated", null))));
        for (Workload wl : c.workloads) {
            if (wl.role != null && wl.role.name.equals("ci-deployer")) {
                items.add(binding(
                        "RoleBinding",
                        meta("ci-deployer", wl.namespace),
                        roleRef("ClusterRole", "edit"),
                        arr(subject("User", "ci-deployer", null))));
                break;
            }
        }
        if (first) deliberate(c, items);
        return items;
    }

    private void deliberate(Cluster c, List<Object> items) {
        String ns = c.workloads.get(0).namespace;
        items.add(binding(
                "ClusterRoleBinding",
                meta("oncall-admin", null),
                roleRef("ClusterRole", "cluster-admin"),
                arr(subject("User", CLUSTER_ADMIN_USER, null))));
        expect("TT-RBAC-003", c, null, null, "oncall-admin");
        items.add(rbacObject(
                "Role", meta(UNUSED_BINDING, ns), "rules", arr(rule(arr(""), arr("pods"), arr("get", "list")))));
        items.add(binding(
                "RoleBinding",
                meta(UNUSED_BINDING, ns),
                roleRef("Role", UNUSED_BINDING),
                arr(subject("ServiceAccount", "default", ns))));
        expect("TT-RBAC-001", c, ns, null, UNUSED_BINDING);
        items.add(rbacObject(
                "Role",
                meta(SENSITIVE_ROLE, ns),
                "rules",
                arr(
                        rule(arr(""), arr("pods/exec"), arr("create")),
                        rule(arr(""), arr("secrets"), arr("get")),
                        rule(arr(""), arr("pods"), arr("get", "list")))));
        items.add(binding(
                "RoleBinding",
                meta(SENSITIVE_ROLE, ns),
                roleRef("Role", SENSITIVE_ROLE),
                arr(subject("Group", "oncall-debuggers", null))));
        expect("TT-RBAC-004", c, ns, null, SENSITIVE_ROLE);
        expect("TT-RBAC-002", c, ns, null, SENSITIVE_ROLE);
        items.add(rbacObject(
                "Role",
                meta(AWS_AUTH_EDITOR, "kube-system"),
                "rules",
                arr(obj(
                        "apiGroups", arr(""),
                        "resources", arr("configmaps"),
                        "resourceNames", arr("aws-auth"),
                        "verbs", arr("get", "update", "patch")))));
        items.add(binding(
                "RoleBinding",
                meta(AWS_AUTH_EDITOR, "kube-system"),
                roleRef("Role", AWS_AUTH_EDITOR),
                arr(subject("Group", "platform-ops", null))));
        expect("TT-EKS-003", c, "kube-system", null, AWS_AUTH_EDITOR);
        items.add(rbacObject(
                "ClusterRole", meta("pod-lister", null), "rules", arr(rule(arr(""), arr("pods"), arr("get", "list")))));
        items.add(binding(
                "ClusterRoleBinding",
                meta(ANONYMOUS_BINDING, null),
                roleRef("ClusterRole", "pod-lister"),
                arr(subject("Group", "system:unauthenticated", null))));
        expect("TT-RBAC-006", c, null, null, ANONYMOUS_BINDING);
    }

    /** Node roles to the node groups; on the first cluster the break-glass admin to system:masters. */
    private Object awsAuth(Cluster c, boolean first) {
        StringBuilder roles = new StringBuilder();
        for (NodeGroup ng : c.nodeGroups) {
            roles.append("- rolearn: ")
                    .append(ng.role.arn())
                    .append("\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n")
                    .append("  - system:bootstrappers\n  - system:nodes\n");
        }
        for (Workload wl : c.workloads) {
            if (wl.role != null && wl.role.name.equals("ci-deployer")) {
                roles.append("- rolearn: ").append(wl.role.arn()).append("\n  username: ci-deployer\n");
                break;
            }
        }
        if (first) {
            String admin = "arn:aws:iam::" + c.account.id + ":role/break-glass-admin";
            roles.append("- rolearn: ")
                    .append(admin)
                    .append("\n  username: break-glass\n  groups:\n  - system:masters\n");
            expectations.add(obj("rule", "TT-EKS-001", "principalArn", admin, "cluster", c.name));
        }
        return obj(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                meta("aws-auth", "kube-system"),
                "data",
                obj("mapRoles", roles.toString()));
    }

    /** Every SA the simulation uses (IRSA ones annotated), plus one annotated SA no pod runs as. */
    private List<Object> serviceAccounts(Cluster c, boolean first) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Workload wl : c.workloads) {
            String key = wl.namespace + "/" + wl.serviceAccount;
            Object annotations = wl.credential == Credential.IRSA && wl.role != null
                    ? obj("eks.amazonaws.com/role-arn", wl.role.arn())
                    : null;
            byName.putIfAbsent(key, serviceAccount(wl.serviceAccount, wl.namespace, annotations));
        }
        if (first) {
            Workload irsa = c.workloads.stream()
                    .filter(wl -> wl.credential == Credential.IRSA && wl.role != null)
                    .findFirst()
                    .orElseThrow();
            byName.put(
                    irsa.namespace + "/" + UNUSED_SA,
                    serviceAccount(UNUSED_SA, irsa.namespace, obj("eks.amazonaws.com/role-arn", irsa.role.arn())));
            expect("TT-WID-005", c, irsa.namespace, UNUSED_SA, null);
            // automount is left at its default and no pod of it ever calls the API server
            expect("TT-RBAC-005", c, irsa.namespace, UNUSED_SA, null);
        }
        return arr(byName.values().toArray());
    }

    private Object serviceAccount(String name, String namespace, Object annotations) {
        Map<String, Object> md = new LinkedHashMap<>(obj("name", name, "namespace", namespace));
        md.put("uid", Ids.uuid(r));
        md.put("creationTimestamp", created.replace("+00:00", "Z"));
        if (annotations != null) md.put("annotations", annotations);
        return obj("apiVersion", "v1", "kind", "ServiceAccount", "metadata", md);
    }

    /** The SAML admin's access entry: AmazonEKSClusterAdminPolicy at cluster scope, used for namespace work. */
    private void accessEntry(Cluster c, Path d) throws IOException {
        String principal = w.samlRole.arn();
        String entryArn = "arn:aws:eks:" + c.region + ":" + c.account.id + ":access-entry/" + c.name + "/role/"
                + c.account.id + "/" + w.samlRole.name + "/" + Ids.uuid(r);
        JsonOut.write(
                d.resolve("access-entries.json"),
                obj(
                        "accessEntry",
                        obj(
                                "clusterName",
                                c.name,
                                "principalArn",
                                principal,
                                "kubernetesGroups",
                                arr(),
                                "accessEntryArn",
                                entryArn,
                                "createdAt",
                                created,
                                "modifiedAt",
                                created,
                                "tags",
                                obj(),
                                "username",
                                w.samlRole.sessionArn("{{SessionName}}"),
                                "type",
                                "STANDARD")));
        JsonOut.write(
                d.resolve("associated-access-policies.json"),
                obj(
                        "clusterName",
                        c.name,
                        "principalArn",
                        principal,
                        "associatedAccessPolicies",
                        arr(obj(
                                "policyArn",
                                "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                                "accessScope",
                                obj("type", "cluster", "namespaces", arr()),
                                "associatedAt",
                                created,
                                "modifiedAt",
                                created))));
        expectations.add(obj("rule", "TT-EKS-002", "principalArn", principal, "cluster", c.name));
    }

    /** One association per Pod Identity workload, plus one whose service account no pod runs as. */
    private void podIdentity(Cluster c, Path d) throws IOException {
        Workload last = null;
        Map<String, Workload> seen = new LinkedHashMap<>();
        for (Workload wl : c.workloads) {
            if (wl.credential == Credential.POD_IDENTITY && wl.role != null) {
                seen.putIfAbsent(wl.namespace + "/" + wl.serviceAccount, wl);
            }
        }
        for (Workload wl : seen.values()) {
            association(c, d, wl.namespace, wl.serviceAccount, wl.role.arn());
            last = wl;
        }
        if (last != null) {
            association(c, d, last.namespace, UNUSED_ASSOCIATION_SA, last.role.arn());
            expect("TT-WID-005", c, last.namespace, UNUSED_ASSOCIATION_SA, null);
        }
    }

    private void association(Cluster c, Path d, String ns, String sa, String roleArn) throws IOException {
        String id = "a-" + Ids.lowerAlnum(r, 17);
        JsonOut.write(
                d.resolve("pod-identity-associations").resolve(id + ".json"),
                obj(
                        "association",
                        obj(
                                "clusterName", c.name,
                                "namespace", ns,
                                "serviceAccount", sa,
                                "roleArn", roleArn,
                                "associationArn",
                                        "arn:aws:eks:" + c.region + ":" + c.account.id + ":podidentityassociation/"
                                                + c.name + "/" + id,
                                "associationId", id,
                                "tags", obj(),
                                "createdAt", created,
                                "modifiedAt", created,
                                "disableSessionTags", false)));
    }

    private void expect(String rule, Cluster c, String namespace, String serviceAccount, String binding) {
        expectations.add(obj(
                "rule", rule,
                "cluster", c.name,
                "namespace", namespace,
                "serviceAccount", serviceAccount,
                "binding", binding));
    }
}
