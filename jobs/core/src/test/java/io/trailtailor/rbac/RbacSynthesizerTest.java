package io.trailtailor.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RbacSynthesizerTest {

    static final String CLUSTER = "prod-eks";
    static final String SA = "system:serviceaccount:shop:checkout";
    static final String ROLE = "arn:aws:iam::111122223333:role/ci-deployer";
    static final String USER = "arn:aws:iam::111122223333:user/alice";
    static final List<String> ALL_VERBS =
            List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "impersonate");

    static K8sAccess a(String p, String verb, String group, String res, String sub, String ns, String name) {
        return new K8sAccess(CLUSTER, p, verb, group, res, sub, ns, name, true);
    }

    static K8sAccess denied(String p, String verb, String group, String res, String ns, String name) {
        return new K8sAccess(CLUSTER, p, verb, group, res, null, ns, name, false);
    }

    final RbacSynthesizer synth = new RbacSynthesizer(RbacOptions.defaults());

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of(
                        "sa reads configmaps and pod logs in its namespace",
                        List.of(
                                a(SA, "get", "", "configmaps", null, "shop", "checkout-config"),
                                a(SA, "watch", "", "configmaps", null, "shop", null),
                                a(SA, "list", "", "configmaps", null, "shop", null),
                                a(SA, "get", "", "pods", "log", "shop", "checkout-7d9f"))),
                Arguments.of(
                        "operator across namespaces and cluster",
                        List.of(
                                a(SA, "list", "", "pods", null, null, null),
                                a(SA, "watch", "", "pods", null, null, null),
                                a(SA, "get", "", "nodes", null, null, "ip-10-0-1-5.ec2.internal"),
                                a(SA, "create", "", "events", null, "shop", null),
                                a(SA, "patch", "apps", "deployments", null, "shop", "web"),
                                a(SA, "update", "apps", "deployments", "scale", "batch", "worker"),
                                a(SA, "create", "coordination.k8s.io", "leases", null, "shop", null),
                                a(SA, "get", "coordination.k8s.io", "leases", null, "shop", "checkout-leader"),
                                a(SA, "update", "coordination.k8s.io", "leases", null, "shop", "checkout-leader"))),
                Arguments.of("deployer role with many names", manyNames(ROLE, 7)),
                Arguments.of(
                        "user execs into pods",
                        List.of(
                                a(USER, "create", "", "pods", "exec", "shop", "web-1"),
                                a(USER, "get", "", "pods", null, "shop", "web-1"))));
    }

    static List<K8sAccess> manyNames(String p, int n) {
        List<K8sAccess> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(a(p, "get", "", "secrets", null, "shop", "s" + i));
            out.add(a(p, "patch", "apps", "deployments", null, "shop", "d" + i));
        }
        out.add(a(p, "get", "", "configmaps", null, "shop", "cm-1"));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void allowsEveryObservedRequestAndNoOtherVerb(String scenario, List<K8sAccess> rows) {
        RbacResult r = synth.synthesize(rows).get(0);
        for (K8sAccess x : rows) assertThat(r.allows(x)).as("observed %s", x).isTrue();
        // No verb that was not observed for a (group, resource, namespace) is allowed, with or without a name.
        for (K8sAccess x : rows) {
            Set<String> seen = new TreeSet<>();
            rows.stream()
                    .filter(y -> y.apiGroup().equals(x.apiGroup())
                            && y.rbacResource().equals(x.rbacResource())
                            && java.util.Objects.equals(y.namespace(), x.namespace()))
                    .forEach(y -> seen.add(y.verb()));
            for (String verb : ALL_VERBS) {
                if (seen.contains(verb)) continue;
                K8sAccess probe = new K8sAccess(
                        CLUSTER,
                        x.principal(),
                        verb,
                        x.apiGroup(),
                        x.resource(),
                        x.subresource(),
                        x.namespace(),
                        x.name(),
                        true);
                assertThat(r.allows(probe)).as("unobserved %s", probe).isFalse();
            }
            // Another namespace is never allowed for namespaced use.
            if (x.namespace() != null) {
                K8sAccess elsewhere = new K8sAccess(
                        CLUSTER,
                        x.principal(),
                        x.verb(),
                        x.apiGroup(),
                        x.resource(),
                        x.subresource(),
                        "other-ns",
                        x.name(),
                        true);
                assertThat(r.allows(elsewhere))
                        .as("other namespace %s", elsewhere)
                        .isFalse();
            }
        }
        // Rules never name an unobserved group/resource.
        Set<String> observed = new TreeSet<>();
        rows.forEach(x -> observed.add(x.apiGroup() + "|" + x.rbacResource()));
        r.roles()
                .forEach(role -> role.rules()
                        .forEach(rule -> rule.apiGroups()
                                .forEach(g -> rule.resources()
                                        .forEach(res -> assertThat(observed).contains(g + "|" + res)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void rendersGoldenYaml(String scenario, List<K8sAccess> rows) {
        RbacResult r = synth.synthesize(rows).get(0);
        String file = scenario.replace(' ', '-') + ".yaml";
        Golden.assertMatches("rbac/" + file, new RbacYamlRenderer().render(r));
    }

    @Test
    void usesRoleWhenAllUseIsInOneNamespace() {
        RbacResult r = synth.synthesize(List.of(a(SA, "get", "", "configmaps", null, "shop", "x")))
                .get(0);
        assertThat(r.roles())
                .extracting(RbacRole::kind, RbacRole::namespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Role", "shop"));
        assertThat(r.bindings().get(0).kind()).isEqualTo("RoleBinding");
        assertThat(r.bindings().get(0).subjects())
                .containsExactly(new RbacSubject("ServiceAccount", "checkout", "shop"));
    }

    @Test
    void usesClusterRoleForClusterWideUseAndOneRolePerOtherNamespace() {
        RbacResult r = synth.synthesize(List.of(
                        a(SA, "list", "", "namespaces", null, null, null),
                        a(SA, "get", "", "configmaps", null, "a", "x"),
                        a(SA, "get", "", "configmaps", null, "b", "y")))
                .get(0);
        assertThat(r.roles()).extracting(RbacRole::kind).containsExactly("ClusterRole", "Role", "Role");
        assertThat(r.roles()).extracting(RbacRole::namespace).containsExactly(null, "a", "b");
        assertThat(r.bindings())
                .extracting(RbacBinding::kind)
                .containsExactly("ClusterRoleBinding", "RoleBinding", "RoleBinding");
        assertThat(r.roles().get(1).rules().get(0).resourceNames()).containsExactly("x");
    }

    @Test
    void restrictsToResourceNamesUpToTheThresholdAndNeverForUnnameableVerbs() {
        List<K8sAccess> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) five.add(a(SA, "get", "", "secrets", null, "shop", "s" + i));
        five.add(a(SA, "list", "", "secrets", null, "shop", null));
        five.add(a(SA, "create", "", "secrets", null, "shop", "created-by-name"));
        List<PolicyRule> rules = synth.synthesize(five).get(0).roles().get(0).rules();
        assertThat(rules)
                .containsExactlyInAnyOrder(
                        new PolicyRule(
                                List.of(""), List.of("secrets"), List.of("s0", "s1", "s2", "s3", "s4"), List.of("get")),
                        new PolicyRule(List.of(""), List.of("secrets"), List.of(), List.of("create", "list")));

        List<K8sAccess> six = new ArrayList<>(five);
        six.add(a(SA, "get", "", "secrets", null, "shop", "s5"));
        assertThat(synth.synthesize(six).get(0).roles().get(0).rules())
                .containsExactly(
                        new PolicyRule(List.of(""), List.of("secrets"), List.of(), List.of("create", "get", "list")));

        RbacSynthesizer off = new RbacSynthesizer(RbacOptions.defaults().withResourceNamesThreshold(0));
        assertThat(off.synthesize(five).get(0).roles().get(0).rules())
                .allMatch(r -> r.resourceNames().isEmpty());
    }

    @Test
    void mergesResourcesWithIdenticalVerbsAndGroupsWithIdenticalRules() {
        List<PolicyRule> rules = synth.synthesize(List.of(
                        a(SA, "list", "", "pods", null, "shop", null),
                        a(SA, "list", "", "services", null, "shop", null),
                        a(SA, "list", "apps", "pods", null, "shop", null),
                        a(SA, "list", "apps", "services", null, "shop", null)))
                .get(0)
                .roles()
                .get(0)
                .rules();
        assertThat(rules)
                .containsExactly(
                        new PolicyRule(List.of("", "apps"), List.of("pods", "services"), List.of(), List.of("list")));
    }

    @Test
    void leavesDeniedRequestsOutUnlessIncludeDenied() {
        List<K8sAccess> rows = List.of(
                a(SA, "get", "", "configmaps", null, "shop", "x"), denied(SA, "delete", "", "configmaps", "shop", "x"));
        RbacResult r = synth.synthesize(rows).get(0);
        assertThat(r.denied()).hasSize(1);
        assertThat(r.allows(rows.get(1))).isFalse();
        RbacResult withDenied = new RbacSynthesizer(RbacOptions.defaults().withIncludeDenied(true))
                .synthesize(rows)
                .get(0);
        assertThat(withDenied.allows(rows.get(1))).isTrue();
        assertThat(withDenied.denied()).hasSize(1);
    }

    @Test
    void bindsIamUsersAsUsersAndIamRolesThroughAnAccessEntryGroup() {
        RbacResult user = synth.synthesize(List.of(a(USER, "get", "", "pods", null, "shop", "p")))
                .get(0);
        assertThat(user.bindings().get(0).subjects()).containsExactly(new RbacSubject("User", USER, null));
        RbacResult role = synth.synthesize(List.of(a(ROLE, "get", "", "pods", null, "shop", "p")))
                .get(0);
        assertThat(role.bindings().get(0).subjects())
                .containsExactly(new RbacSubject("Group", "trailtailor:ci-deployer", null));
        assertThat(role.accessEntryGroups()).containsExactly("trailtailor:ci-deployer");
        RbacResult sa = synth.synthesize(List.of(a(SA, "get", "", "pods", null, "shop", "p")))
                .get(0);
        assertThat(sa.eksAccess()).isEmpty();
        assertThat(sa.accessEntryGroups()).isEmpty();
    }

    @Test
    void outputIsDeterministicWhateverTheInputOrder() {
        List<K8sAccess> rows = new ArrayList<>(manyNames(ROLE, 3));
        String first = new RbacYamlRenderer().render(synth.synthesize(rows).get(0));
        java.util.Collections.reverse(rows);
        assertThat(new RbacYamlRenderer().render(synth.synthesize(rows).get(0))).isEqualTo(first);
    }

    @Test
    void givesOneResultPerClusterAndPrincipalWithDistinctFiles() {
        List<K8sAccess> rows = new ArrayList<>();
        rows.add(a(SA, "get", "", "pods", null, "shop", "p"));
        rows.add(a(ROLE, "get", "", "pods", null, "shop", "p"));
        rows.add(a(USER, "get", "", "pods", null, "shop", "p"));
        rows.add(new K8sAccess("staging", SA, "get", "", "pods", null, "shop", "p", true));
        List<RbacResult> results = synth.synthesize(rows);
        assertThat(results)
                .extracting(RbacResult::relativePath)
                .containsExactly(
                        "rbac/prod-eks/role.111122223333.ci-deployer.yaml",
                        "rbac/prod-eks/user.111122223333.alice.yaml",
                        "rbac/prod-eks/sa.shop.checkout.yaml",
                        "rbac/staging/sa.shop.checkout.yaml");
    }
}
