package io.trailtailor.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.policy.Effect;
import io.trailtailor.policy.IamWildcards;
import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyStatement;
import io.trailtailor.policy.PolicyTarget;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code --baseline DIR}: what an earlier {@code analyze} output says was normal. From {@code workloads.json} each
 * workload's actions and, through its {@code roleArns}, which workloads (and so clusters) each role served; from
 * {@code policies/roles/**} and {@code policies/users/**} the actions each role and user was granted (wildcards
 * kept as patterns); from the {@code trailtailor.io/principal} annotation of {@code rbac/<cluster>/*.yaml} which
 * IAM principals called each cluster. Roles are matched by account and name, as their policy files are named.
 */
public final class AlertBaseline implements Serializable {

    public static final String WORKLOADS = "workloads.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PRINCIPAL_ANNOTATION =
            Pattern.compile("^\\s*trailtailor\\.io/principal:\\s*['\"]?([^'\"\\s]+)['\"]?\\s*$");
    private static final Pattern ARN =
            Pattern.compile("^arn:aws[a-z-]*:(?:iam|sts)::(\\d{12}):(role|user|assumed-role)/(.+)$");

    private final Map<String, List<String>> workloadActions;
    private final Map<String, List<String>> policyActions;
    private final Map<String, Set<String>> roleWorkloads;
    private final Map<String, Set<String>> clusterPrincipals;

    AlertBaseline(
            Map<String, List<String>> workloadActions,
            Map<String, List<String>> policyActions,
            Map<String, Set<String>> roleWorkloads,
            Map<String, Set<String>> clusterPrincipals) {
        this.workloadActions = new HashMap<>(workloadActions);
        this.policyActions = new HashMap<>(policyActions);
        this.roleWorkloads = new HashMap<>(roleWorkloads);
        this.clusterPrincipals = new HashMap<>(clusterPrincipals);
    }

    /** Reads an analyze output directory; a part it lacks (no rbac/, say) is simply empty. */
    public static AlertBaseline read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("baseline is not a directory: " + dir);
        }
        Map<String, List<String>> workloadActions = new HashMap<>();
        Map<String, Set<String>> roleWorkloads = new HashMap<>();
        Map<String, List<String>> policyActions = new HashMap<>();
        Map<String, Set<String>> clusterPrincipals = new HashMap<>();
        try {
            Path workloads = dir.resolve(WORKLOADS);
            if (Files.isRegularFile(workloads)) {
                for (JsonNode w : JSON.readTree(workloads.toFile())) {
                    String key = w.path("cluster").asText() + "/"
                            + w.path("namespace").asText() + "/"
                            + w.path("serviceAccount").asText();
                    List<String> actions = workloadActions.computeIfAbsent(key, k -> new ArrayList<>());
                    w.path("actions").forEach(a -> actions.add(a.asText()));
                    w.path("roleArns")
                            .forEach(r -> roleWorkloads
                                    .computeIfAbsent(principalKey(r.asText()), k -> new HashSet<>())
                                    .add(key));
                }
            }
            for (String kind : List.of("roles", "users")) {
                Path root = dir.resolve("policies").resolve(kind);
                if (!Files.isDirectory(root)) continue;
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        String base = policyBase(dir.relativize(f).toString().replace('\\', '/'));
                        if (base == null) continue;
                        policyActions
                                .computeIfAbsent(base, k -> new ArrayList<>())
                                .addAll(allowedActions(Files.readString(f, StandardCharsets.UTF_8)));
                    }
                }
            }
            Path rbac = dir.resolve("rbac");
            if (Files.isDirectory(rbac)) {
                try (Stream<Path> clusters = Files.list(rbac)) {
                    for (Path c : clusters.filter(Files::isDirectory).toList()) {
                        Set<String> principals = clusterPrincipals.computeIfAbsent(
                                c.getFileName().toString(), k -> new HashSet<>());
                        try (Stream<Path> files = Files.list(c)) {
                            for (Path f : files.filter(p -> p.toString().endsWith(".yaml"))
                                    .toList()) {
                                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                                    Matcher m = PRINCIPAL_ANNOTATION.matcher(line);
                                    if (m.matches()) principals.add(principalKey(m.group(1)));
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline " + dir, e);
        }
        return new AlertBaseline(workloadActions, policyActions, roleWorkloads, clusterPrincipals);
    }

    /** Whether the workload ({@code cluster/namespace/serviceAccount}) used the action in the baseline. */
    public boolean workloadUsed(String workload, String action) {
        return matches(workloadActions.get(workload), action);
    }

    /** Whether the role's or user's baseline policy allows the action. */
    public boolean principalAllowed(String principalArn, String action) {
        String base = policyBaseOf(principalArn);
        return base != null && matches(policyActions.get(base), action);
    }

    /** The workloads ({@code cluster/namespace/serviceAccount}) that used the role in the baseline. */
    public Set<String> workloadsOf(String roleArn) {
        return roleWorkloads.getOrDefault(principalKey(roleArn), Set.of());
    }

    /** Whether the IAM principal called the cluster's API in the baseline. */
    public boolean calledCluster(String cluster, String principalArn) {
        return clusterPrincipals.getOrDefault(cluster, Set.of()).contains(principalKey(principalArn));
    }

    /**
     * A role or user ARN as {@code role:<account>/<name>} ({@code user:...}); an assumed-role session ARN names its
     * role. Other text is returned as it is.
     */
    public static String principalKey(String arn) {
        if (arn == null) return "";
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) return arn;
        String rest = m.group(3);
        String name = m.group(2).equals("assumed-role")
                ? rest.substring(0, rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'))
                : rest.substring(rest.lastIndexOf('/') + 1);
        return (m.group(2).equals("user") ? "user:" : "role:") + m.group(1) + "/" + name;
    }

    /** The policy files' common path ({@code policies/roles/<account>/<name>}) of a role or user ARN, or null. */
    static String policyBaseOf(String arn) {
        String key = principalKey(arn);
        int colon = key.indexOf(':');
        int slash = key.indexOf('/');
        if (colon < 0 || slash < 0 || !(key.startsWith("role:") || key.startsWith("user:"))) return null;
        String account = key.substring(colon + 1, slash);
        String name = key.substring(slash + 1);
        return (key.startsWith("role:") ? PolicyTarget.role(account, name) : PolicyTarget.user(account, name))
                .basePath();
    }

    /** {@code x.json} and {@code x.partN.json} → {@code x}; the Terraform, CloudFormation and widening files → null. */
    static String policyBase(String relative) {
        if (!relative.endsWith(".json") || relative.endsWith(".cfn.json") || relative.endsWith(".widening.json")) {
            return null;
        }
        String base = relative.substring(0, relative.length() - ".json".length());
        return base.replaceFirst("\\.part\\d+$", "");
    }

    static List<String> allowedActions(String policyJson) {
        List<String> out = new ArrayList<>();
        for (PolicyStatement s : PolicyDocument.fromJson(policyJson).statements()) {
            if (s.effect() == Effect.ALLOW) out.addAll(s.actions());
        }
        return out;
    }

    private static boolean matches(List<String> patterns, String action) {
        if (patterns == null || action == null) return false;
        for (String p : patterns) {
            if (IamWildcards.actionMatches(p, action)) return true;
        }
        return false;
    }
}
