package io.trailtailor.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.render.HostileValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@link RbacYamlRenderer} fed a hostile value in every slot an audit log or CloudTrail can fill, read back with
 * SnakeYAML and split as {@code kubectl apply} splits a stream: exactly the documents and keys of a benign result,
 * a header of comments only, and every value as it went in.
 */
class RbacYamlRendererHostileInputTest {

    private static final String ACCOUNT = "111122223333";

    static Stream<String> hostile() {
        return HostileValues.ALL.stream();
    }

    /** A ClusterRole, a Role and their bindings, with {@code h} in every slot a log value reaches. */
    static RbacResult result(String h) {
        RbacPrincipal p = new RbacPrincipal(
                RbacPrincipal.Kind.IAM_ROLE, "arn:aws:iam::" + ACCOUNT + ":role/" + h, ACCOUNT, null, h);
        PolicyRule rule = new PolicyRule(List.of("", h), List.of(h, "pods"), List.of(h), List.of("get", h));
        String name = "trailtailor:" + h;
        EksAccessPolicies.AccessPolicy view =
                EksAccessPolicies.loadDefault().policies().get(0);
        return new RbacResult(
                h,
                p,
                List.of(
                        new RbacRole("ClusterRole", name, null, List.of(rule)),
                        new RbacRole("Role", name, h, List.of(rule))),
                List.of(
                        new RbacBinding(
                                "ClusterRoleBinding",
                                name,
                                null,
                                "ClusterRole",
                                name,
                                List.of(new RbacSubject("Group", h, null), new RbacSubject("User", h, null))),
                        new RbacBinding(
                                "RoleBinding",
                                name,
                                h,
                                "Role",
                                name,
                                List.of(new RbacSubject("ServiceAccount", h, h)))),
                Optional.of(new EksAccessPolicies.Recommendation(
                        view, EksAccessPolicies.ScopeType.NAMESPACE, List.of(h, "shop"))),
                List.of(h),
                List.of(new K8sAccess(h, p.principal(), "get", h, h, null, h, h, true)),
                List.of(new K8sAccess(h, p.principal(), "get" + h, h, h, h, h, h, false)),
                RbacOptions.defaults());
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void yieldsExactlyTheDocumentsOfABenignResultWithEveryValueIntact(String h) {
        RbacResult r = result(h);
        String yaml = new RbacYamlRenderer().render(r);
        List<Map<String, Object>> docs = load(yaml);
        List<Map<String, Object>> benign = load(new RbacYamlRenderer().render(result("x")));

        assertThat(docs).as(yaml).hasSize(4);
        assertThat(docs)
                .extracting(d -> d.get("kind"))
                .containsExactly("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
        for (int i = 0; i < docs.size(); i++) {
            assertThat(paths(docs.get(i), "")).as("keys of document %d", i).isEqualTo(paths(benign.get(i), ""));
            Map<?, ?> meta = (Map<?, ?>) docs.get(i).get("metadata");
            assertThat(meta.get("name")).isEqualTo("trailtailor:" + h);
            assertThat(meta.get("namespace")).isEqualTo(i < 2 ? null : h);
            assertThat(map(meta.get("annotations")))
                    .containsEntry("trailtailor.io/principal", r.principal().principal())
                    .containsEntry("trailtailor.io/eks-access-scope", "namespace:" + h + ",shop")
                    .containsEntry("trailtailor.io/access-entry-kubernetes-groups", h);
        }
        PolicyRule rule = r.roles().get(0).rules().get(0);
        for (Map<String, Object> role : List.of(docs.get(0), docs.get(2))) {
            assertThat(role.get("rules"))
                    .isEqualTo(List.of(Map.of(
                            "apiGroups", rule.apiGroups(),
                            "resources", rule.resources(),
                            "resourceNames", rule.resourceNames(),
                            "verbs", rule.verbs())));
        }
        assertThat(docs.get(1).get("subjects"))
                .isEqualTo(List.of(
                        Map.of("kind", "Group", "name", h, "apiGroup", "rbac.authorization.k8s.io"),
                        Map.of("kind", "User", "name", h, "apiGroup", "rbac.authorization.k8s.io")));
        assertThat(docs.get(3).get("subjects"))
                .isEqualTo(List.of(Map.of("kind", "ServiceAccount", "name", h, "namespace", h)));
        assertThat(map(docs.get(1).get("roleRef"))).containsEntry("name", "trailtailor:" + h);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void keepsTheHeaderToCommentLinesAndTheStreamToOneSeparatorPerDocument(String h) {
        String yaml = new RbacYamlRenderer().render(result(h));
        String benign = new RbacYamlRenderer().render(result("x"));
        String header = header(yaml);
        assertThat(header.lines())
                .hasSameSizeAs(header(benign).lines().toList())
                .allMatch(l -> l.startsWith("# "));
        assertThat(HostileValues.hasLineBreak(header.replace("\n", ""))).isFalse();
        assertThat(load(header)).as("documents in the header").isEmpty();
        // Every value stays on its own line, as in a benign manifest: line-based readers see the same stream.
        assertThat(yaml.split("\n", -1)).hasSameSizeAs(benign.split("\n", -1));
        // kubectl's YAML reader splits a stream at every line that starts with "---".
        assertThat(yaml.split("\n", -1)).filteredOn(l -> l.startsWith("---")).hasSize(4);
    }

    @Test
    void theAuditUsernameAttackYieldsNoClusterAdminBinding() {
        String user = "arn:aws:iam::" + ACCOUNT + ":user/" + HostileValues.YAML_PAYLOAD;
        // Written raw into the header, as before, the username is a live binding document:
        assertThat(load("# trailtailor RBAC for " + user + " on cluster prod-eks\n"))
                .extracting(d -> d.get("kind"))
                .containsExactly("ClusterRoleBinding");

        List<RbacResult> results = new RbacSynthesizer(RbacOptions.defaults())
                .synthesize(List.of(
                        new K8sAccess("prod-eks", user, "get", "", "pods", null, "shop", "web-1", true),
                        new K8sAccess("prod-eks", user, "delete", "", "pods", null, "shop", "web-1", false)));
        assertThat(results).hasSize(1);
        List<Map<String, Object>> docs = load(new RbacYamlRenderer().render(results.get(0)));
        assertThat(docs).extracting(d -> d.get("kind")).containsExactly("Role", "RoleBinding");
        assertThat(docs).noneMatch(d -> "pwn".equals(((Map<?, ?>) d.get("metadata")).get("name")));
        assertThat(docs.get(1).get("subjects"))
                .isEqualTo(List.of(Map.of("kind", "User", "name", user, "apiGroup", "rbac.authorization.k8s.io")));
    }

    /** Everything before the first document marker line. */
    private static String header(String yaml) {
        return yaml.substring(0, yaml.indexOf("\n---\n") + 1);
    }

    private static List<Map<String, Object>> load(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) doc;
            docs.add(m);
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** Every key path of a YAML tree, with list positions. */
    private static Set<String> paths(Object n, String at) {
        Set<String> out = new TreeSet<>();
        out.add(at);
        if (n instanceof Map<?, ?> m) m.forEach((k, v) -> out.addAll(paths(v, at + "/" + k)));
        if (n instanceof List<?> l) for (int i = 0; i < l.size(); i++) out.addAll(paths(l.get(i), at + "/" + i));
        return out;
    }
}
