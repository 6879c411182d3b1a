package io.trailtailor.grants.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a cluster snapshot: one file, or every regular file of a directory tree (sorted). Each file is JSON (or YAML
 * for {@code .yaml}/{@code .yml}) and its kind is decided by content:
 *
 * <ul>
 *   <li>{@code {"cluster": {"name", "identity", ...}}}: {@code aws eks describe-cluster};
 *   <li>{@code {"accessEntry": {...}}}: {@code aws eks describe-access-entry};
 *   <li>{@code {"associatedAccessPolicies": [...], "principalArn"}}: {@code aws eks list-associated-access-policies};
 *   <li>{@code {"association": {...}}}: {@code aws eks describe-pod-identity-association};
 *   <li>a Kubernetes object or {@code List}: Roles, ClusterRoles, their bindings, ServiceAccounts and the
 *       {@code aws-auth} ConfigMap ({@code kube-system}).
 * </ul>
 *
 * A file of no known kind (or with no known item) is counted and listed with its path, never silently skipped.
 */
public final class ClusterSnapshotReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private EksClusterInfo eks;
    private final List<RbacRoleDef> roles = new ArrayList<>();
    private final List<RbacBindingDef> bindings = new ArrayList<>();
    private final List<IdentityMapping> awsAuth = new ArrayList<>();
    private final List<AccessEntry> accessEntries = new ArrayList<>();
    private final List<AssociatedAccessPolicy> accessPolicies = new ArrayList<>();
    private final List<PodIdentityAssociation> podIdentity = new ArrayList<>();
    private final List<ServiceAccountInfo> serviceAccounts = new ArrayList<>();
    private final Map<SnapshotKind, Integer> counts = new EnumMap<>(SnapshotKind.class);
    private final List<ClusterSnapshot.UnknownFile> unknown = new ArrayList<>();

    private ClusterSnapshotReader() {}

    /** Parses {@code CLUSTER=PATH} as the command line gives it. */
    public static ClusterSnapshot readArgument(String clusterEqualsPath) {
        int eq = clusterEqualsPath.indexOf('=');
        if (eq <= 0 || eq == clusterEqualsPath.length() - 1) {
            throw new IllegalArgumentException("--cluster-snapshot wants CLUSTER=PATH, got " + clusterEqualsPath);
        }
        return read(clusterEqualsPath.substring(0, eq), Path.of(clusterEqualsPath.substring(eq + 1)));
    }

    public static ClusterSnapshot read(String cluster, Path path) {
        ClusterSnapshotReader r = new ClusterSnapshotReader();
        for (Path f : files(path)) r.readFile(f);
        return new ClusterSnapshot(
                cluster,
                Optional.ofNullable(r.eks),
                r.roles,
                r.bindings,
                r.awsAuth,
                r.accessEntries,
                r.accessPolicies,
                r.podIdentity,
                r.serviceAccounts,
                r.counts,
                r.unknown);
    }

    private static List<Path> files(Path p) {
        if (!Files.isDirectory(p)) return List.of(p);
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readFile(Path f) {
        String name = f.getFileName().toString();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        JsonNode root;
        try {
            root = (yaml ? YAML : JSON).readTree(f.toFile());
        } catch (IOException e) {
            unknownFile(
                    f, "not " + (yaml ? "YAML" : "JSON") + ": " + e.getClass().getSimpleName());
            return;
        }
        if (root == null || !root.isObject()) {
            unknownFile(f, "not a JSON object");
            return;
        }
        SnapshotKind kind = place(root);
        if (kind == SnapshotKind.UNKNOWN) unknownFile(f, "no known snapshot kind");
        else counts.merge(kind, 1, Integer::sum);
    }

    private void unknownFile(Path f, String reason) {
        counts.merge(SnapshotKind.UNKNOWN, 1, Integer::sum);
        unknown.add(new ClusterSnapshot.UnknownFile(f, reason));
    }

    private SnapshotKind place(JsonNode root) {
        if (root.path("cluster").isObject() && root.path("cluster").has("name")) {
            if (eks == null) eks = EksObjects.cluster(root.path("cluster"));
            return SnapshotKind.DESCRIBE_CLUSTER;
        }
        if (root.path("accessEntry").isObject()) {
            accessEntries.add(EksObjects.accessEntry(root.path("accessEntry")));
            return SnapshotKind.ACCESS_ENTRY;
        }
        if (root.path("associatedAccessPolicies").isArray()) {
            accessPolicies.addAll(EksObjects.accessPolicies(root));
            return SnapshotKind.ASSOCIATED_ACCESS_POLICIES;
        }
        if (root.path("association").isObject()) {
            podIdentity.add(EksObjects.podIdentity(root.path("association")));
            return SnapshotKind.POD_IDENTITY_ASSOCIATION;
        }
        if (root.has("items") && root.path("kind").asText().endsWith("List")) {
            SnapshotKind kind = SnapshotKind.UNKNOWN;
            for (JsonNode item : root.path("items")) {
                SnapshotKind k = kubernetesObject(item);
                if (k != SnapshotKind.UNKNOWN && kind == SnapshotKind.UNKNOWN) kind = k;
            }
            return kind;
        }
        return kubernetesObject(root);
    }

    private SnapshotKind kubernetesObject(JsonNode o) {
        switch (o.path("kind").asText()) {
            case "Role", "ClusterRole" -> {
                roles.add(K8sObjects.role(o));
                return SnapshotKind.RBAC;
            }
            case "RoleBinding", "ClusterRoleBinding" -> {
                bindings.add(K8sObjects.binding(o));
                return SnapshotKind.RBAC;
            }
            case "ServiceAccount" -> {
                serviceAccounts.add(K8sObjects.serviceAccount(o));
                return SnapshotKind.SERVICE_ACCOUNTS;
            }
            case "ConfigMap" -> {
                JsonNode md = o.path("metadata");
                if (md.path("name").asText().equals("aws-auth")
                        && md.path("namespace").asText("kube-system").equals("kube-system")) {
                    awsAuth.addAll(K8sObjects.awsAuth(o.path("data")));
                    return SnapshotKind.AWS_AUTH;
                }
                return SnapshotKind.UNKNOWN;
            }
            default -> {
                return SnapshotKind.UNKNOWN;
            }
        }
    }
}
