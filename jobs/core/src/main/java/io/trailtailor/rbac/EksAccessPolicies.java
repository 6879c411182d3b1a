package io.trailtailor.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The EKS access policies that mirror Kubernetes' user-facing roles, loaded from a data file, narrowest first. */
public final class EksAccessPolicies {

    /** One access policy with its effective (included) rules. */
    public record AccessPolicy(String name, String arn, String kubernetesClusterRole, List<PolicyRule> rules) {
        public boolean covers(K8sAccess a) {
            return rules.stream().anyMatch(r -> r.allows(a));
        }
    }

    /** Scope of an access policy association. */
    public enum ScopeType {
        NAMESPACE,
        CLUSTER
    }

    /** The narrowest access policy and scope that covers a principal's use. */
    public record Recommendation(AccessPolicy policy, ScopeType scope, List<String> namespaces) {}

    private static final String RESOURCE = "/rbac/eks-access-policies.yaml";
    private static volatile EksAccessPolicies defaultInstance;

    private final List<AccessPolicy> policies;

    private EksAccessPolicies(List<AccessPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    public static EksAccessPolicies loadDefault() {
        EksAccessPolicies p = defaultInstance;
        if (p == null) {
            try (InputStream in = EksAccessPolicies.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("missing classpath resource " + RESOURCE);
                p = load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaultInstance = p;
        }
        return p;
    }

    public static EksAccessPolicies load(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        Map<String, AccessPolicy> byName = new LinkedHashMap<>();
        for (JsonNode p : root.path("policies")) {
            List<PolicyRule> rules = new ArrayList<>();
            for (JsonNode inc : p.path("includes")) {
                AccessPolicy included = byName.get(inc.asText());
                if (included == null) throw new IllegalStateException("include before definition: " + inc.asText());
                rules.addAll(included.rules());
            }
            for (JsonNode r : p.path("rules")) {
                rules.add(new PolicyRule(
                        texts(r.path("apiGroups")), texts(r.path("resources")), List.of(), texts(r.path("verbs"))));
            }
            String name = p.path("name").asText();
            byName.put(
                    name,
                    new AccessPolicy(
                            name,
                            p.path("arn").asText(),
                            p.path("kubernetesClusterRole").asText(),
                            List.copyOf(rules)));
        }
        return new EksAccessPolicies(new ArrayList<>(byName.values()));
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Narrowest first. */
    public List<AccessPolicy> policies() {
        return policies;
    }

    public Optional<AccessPolicy> byName(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The first (narrowest) policy whose rules cover every access, scoped to the namespaces used, or to the cluster
     * when any access was cluster-wide. Empty when nothing was accessed.
     */
    public Optional<Recommendation> narrowest(Collection<K8sAccess> accesses) {
        if (accesses.isEmpty()) return Optional.empty();
        boolean clusterWide = accesses.stream().anyMatch(K8sAccess::clusterWide);
        TreeSet<String> namespaces = new TreeSet<>();
        accesses.forEach(a -> {
            if (a.namespace() != null) namespaces.add(a.namespace());
        });
        for (AccessPolicy p : policies) {
            if (accesses.stream().allMatch(p::covers)) {
                return Optional.of(
                        clusterWide
                                ? new Recommendation(p, ScopeType.CLUSTER, List.of())
                                : new Recommendation(p, ScopeType.NAMESPACE, List.copyOf(namespaces)));
            }
        }
        return Optional.empty();
    }
}
