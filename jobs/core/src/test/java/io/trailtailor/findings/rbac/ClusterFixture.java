package io.trailtailor.findings.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.FindingsOptions;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.grants.IamSnapshot;
import io.trailtailor.grants.ManagedPolicies;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.ClusterSnapshotReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Hand-built cluster snapshots for the EKS and RBAC rule tests: real kubectl / aws eks JSON text written to a temp
 * directory and read by the real {@link ClusterSnapshotReader}, with a 14-day window of audit rows.
 */
public final class ClusterFixture {

    public static final String CLUSTER = "prod";
    public static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    public static final Instant TO = Instant.parse("2026-11-15T00:00:00Z");
    /** Before the window: the object existed all window. */
    public static final String OLD = "2026-01-01T00:00:00Z";
    /** Inside the window. */
    public static final String NEW = "2026-11-10T00:00:00Z";

    private ClusterFixture() {}

    /** Writes each JSON text to its own file under {@code dir} and reads the directory as cluster {@code prod}. */
    public static ClusterSnapshot snapshot(Path dir, String... jsonFiles) {
        try {
            Path d = Files.createDirectories(dir.resolve("snapshot-" + System.nanoTime()));
            for (int i = 0; i < jsonFiles.length; i++) {
                Files.writeString(d.resolve(String.format("%02d.json", i)), jsonFiles[i]);
            }
            return ClusterSnapshotReader.read(CLUSTER, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kubectl get ... -o json}: a List of items. */
    public static String list(String... items) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + String.join(",", items) + "]}";
    }

    public static String clusterRole(String name, String created, String... rules) {
        return "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\",\"metadata\":{\"name\":\""
                + name + "\",\"creationTimestamp\":\"" + created + "\"},\"rules\":[" + String.join(",", rules) + "]}";
    }

    public static String role(String namespace, String name, String created, String... rules) {
        return "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"Role\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"" + namespace + "\",\"creationTimestamp\":\"" + created + "\"},\"rules\":["
                + String.join(",", rules) + "]}";
    }

    /** A rule: groups, resources and verbs as comma-separated lists ("" is the core group). */
    public static String rule(String groups, String resources, String verbs) {
        return "{\"apiGroups\":" + array(groups) + ",\"resources\":" + array(resources) + ",\"verbs\":" + array(verbs)
                + "}";
    }

    public static String namedRule(String groups, String resources, String names, String verbs) {
        return "{\"apiGroups\":" + array(groups) + ",\"resources\":" + array(resources) + ",\"resourceNames\":"
                + array(names) + ",\"verbs\":" + array(verbs) + "}";
    }

    public static String clusterRoleBinding(String name, String roleName, String created, String... subjects) {
        return "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\",\"metadata\":{"
                + "\"name\":\"" + name + "\",\"creationTimestamp\":\"" + created + "\"},\"roleRef\":{\"apiGroup\":"
                + "\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"" + roleName + "\"},"
                + "\"subjects\":[" + String.join(",", subjects) + "]}";
    }

    public static String roleBinding(
            String namespace, String name, String roleKind, String roleName, String created, String... subjects) {
        return "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"RoleBinding\",\"metadata\":{\"name\":\""
                + name + "\",\"namespace\":\"" + namespace + "\",\"creationTimestamp\":\"" + created + "\"},"
                + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"" + roleKind + "\",\"name\":\""
                + roleName + "\"},\"subjects\":[" + String.join(",", subjects) + "]}";
    }

    public static String user(String name) {
        return "{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"User\",\"name\":\"" + name + "\"}";
    }

    public static String group(String name) {
        return "{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Group\",\"name\":\"" + name + "\"}";
    }

    public static String serviceAccount(String namespace, String name) {
        return "{\"kind\":\"ServiceAccount\",\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\"}";
    }

    /** A ServiceAccount object; {@code automount} null leaves the field out. */
    public static String serviceAccountObject(String namespace, String name, Boolean automount, String irsaRole) {
        String annotations =
                irsaRole == null ? "" : ",\"annotations\":{\"eks.amazonaws.com/role-arn\":\"" + irsaRole + "\"}";
        return "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"" + namespace + "\",\"creationTimestamp\":\"" + OLD + "\"" + annotations + "}"
                + (automount == null ? "" : ",\"automountServiceAccountToken\":" + automount) + "}";
    }

    private static String array(String csv) {
        if (csv.isEmpty()) return "[\"\"]";
        return Arrays.stream(csv.split(",", -1))
                .map(s -> "\"" + s + "\"")
                .reduce((a, b) -> a + "," + b)
                .map(s -> "[" + s + "]")
                .orElse("[]");
    }

    /** One request row, counted {@code count} times. */
    public static K8sRequestUse request(
            String username,
            List<String> groups,
            String iamArn,
            String verb,
            String apiGroup,
            String resource,
            String namespace,
            String name,
            boolean allowed,
            String reason,
            long count) {
        String sub = null;
        String res = resource;
        if (resource.contains("/")) {
            res = resource.substring(0, resource.indexOf('/'));
            sub = resource.substring(resource.indexOf('/') + 1);
        }
        return new K8sRequestUse(
                CLUSTER,
                username,
                groups,
                iamArn,
                verb,
                apiGroup,
                res,
                sub,
                namespace,
                name,
                allowed,
                reason,
                count,
                FROM.plusSeconds(3600),
                TO.minusSeconds(3600),
                List.of("audit-" + verb + "-" + resource.replace('/', '-')));
    }

    /** An allowed request of a user or SA with an RBAC reason. */
    public static K8sRequestUse allowed(
            String username, String verb, String resource, String namespace, String reason) {
        return request(
                username, List.of("system:authenticated"), null, verb, "", resource, namespace, null, true, reason, 3);
    }

    public static FindingContext context(List<ClusterSnapshot> clusters, List<K8sRequestUse> requests) {
        return context(clusters, requests, List.of(), null, Map.of(), Map.of());
    }

    public static FindingContext context(
            List<ClusterSnapshot> clusters,
            List<K8sRequestUse> requests,
            List<UsedAction> actions,
            IamSnapshot iam,
            Map<String, String> policyFiles,
            Map<String, String> rbacFiles) {
        Map<String, ClusterSnapshot> byName = new java.util.TreeMap<>();
        clusters.forEach(c -> byName.put(c.cluster(), c));
        UsedSide used = new UsedSide(actions, List.of(), requests, List.of(), FROM, TO);
        return FindingContext.of(
                iam == null ? null : IamCatalog.loadDefault(),
                iam,
                iam == null ? null : ManagedPolicies.loadDefault(),
                byName,
                null,
                used,
                FindingsOptions.defaults(),
                policyFiles,
                rbacFiles);
    }

    /** The registry's description of a rule, read from {@code findings/rules.json} without loading other rules. */
    public static RuleInfo info(String ruleId) {
        try (InputStream in = ClusterFixture.class.getClassLoader().getResourceAsStream("findings/rules.json")) {
            for (JsonNode n : new ObjectMapper().readTree(in)) {
                if (!n.path("rule").asText().equals(ruleId)) continue;
                List<RecommendationKind> kinds = new ArrayList<>();
                n.path("recommendationKinds").forEach(k -> kinds.add(RecommendationKind.valueOf(k.asText())));
                return new RuleInfo(
                        ruleId,
                        n.path("type").asText(),
                        Severity.valueOf(n.path("severity").asText()),
                        n.path("title").asText(),
                        n.path("description").asText(),
                        kinds,
                        List.of());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no rule " + ruleId);
    }
}
