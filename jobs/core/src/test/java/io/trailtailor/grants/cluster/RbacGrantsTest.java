package io.trailtailor.grants.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.rbac.K8sAccess;
import io.trailtailor.rbac.PolicyRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RbacGrantsTest {

    private static final RbacGrants RBAC = ClusterSnapshotReader.read(
                    "prod", Path.of("src/test/resources/findings/cluster/prod"))
            .rbac();

    private static K8sAccess access(String verb, String group, String resource, String ns, String name) {
        return new K8sAccess("prod", "system:serviceaccount:web:backend", verb, group, resource, null, ns, name, true);
    }

    @Test
    void anAggregatedClusterRoleHoldsTheRulesOfExactlyTheRolesItsSelectorsMatch() {
        RbacRoleDef monitoring = RBAC.role("ClusterRole", null, "monitoring").orElseThrow();
        assertThat(RBAC.aggregate(monitoring))
                .extracting(RbacRoleDef::name)
                .containsExactlyInAnyOrder("monitoring", "monitoring-endpoints", "monitoring-metrics");
        assertThat(RBAC.effectiveRules(monitoring))
                .containsExactly(new PolicyRule(
                        List.of(""),
                        List.of("endpoints", "pods", "services"),
                        List.of(),
                        List.of("get", "list", "watch")));
        assertThat(RBAC.effectiveNonResourceRules(monitoring))
                .containsExactly(new RbacRoleDef.NonResourceRule(List.of("/metrics"), List.of("get")));
    }

    @Test
    void aSelectorNeedsEveryLabelAndExpressionToMatch() {
        LabelSelector s = new LabelSelector(
                Map.of("a", "1"), List.of(new LabelSelector.Expression("tier", "In", List.of("web", "api"))));
        assertThat(s.matches(Map.of("a", "1", "tier", "web"))).isTrue();
        assertThat(s.matches(Map.of("a", "1", "tier", "db"))).isFalse();
        assertThat(s.matches(Map.of("tier", "web"))).isFalse();
        assertThat(new LabelSelector(Map.of(), List.of()).matches(Map.of("a", "1")))
                .isFalse();
    }

    static Stream<Arguments> subjects() {
        return Stream.of(
                Arguments.of("ServiceAccount", "backend", "web", List.of("backend-config"), List.of("web")),
                Arguments.of("ServiceAccount", "backend", "orders", List.of(), List.of()),
                Arguments.of(
                        "ServiceAccount",
                        "prometheus",
                        "monitoring",
                        List.of("prometheus"),
                        java.util.Arrays.asList((String) null)),
                Arguments.of("Group", "ops", null, List.of("ops-edit"), List.of("web")),
                Arguments.of("User", "bob", null, List.of("leftover"), java.util.Arrays.asList((String) null)));
    }

    @ParameterizedTest(name = "{0} {1} in {2} is bound by {3}")
    @MethodSource("subjects")
    void aSubjectHoldsWhatItsBindingsGrantInTheirScope(
            String kind, String name, String ns, List<String> bindings, List<String> scopes) {
        List<RbacGrants.BoundRules> held = RBAC.forSubject(kind, name, ns);
        assertThat(held).extracting(b -> b.binding().name()).containsExactlyElementsOf(bindings);
        assertThat(held).extracting(RbacGrants.BoundRules::namespace).containsExactlyElementsOf(scopes);
    }

    @Test
    void aRoleBindingToAClusterRoleGrantsItInTheBindingsNamespaceOnly() {
        RbacGrants.BoundRules ops = RBAC.forSubject("Group", "ops", null).get(0);
        assertThat(ops.clusterWide()).isFalse();
        assertThat(ops.rules())
                .singleElement()
                .satisfies(r -> assertThat(r.allows(access("delete", "apps", "deployments", "web", "api")))
                        .isTrue());
    }

    @Test
    void resourceNamesNarrowARule() {
        List<PolicyRule> rules =
                RBAC.forSubject("ServiceAccount", "backend", "web").get(0).rules();
        assertThat(rules.stream().anyMatch(r -> r.allows(access("get", "", "secrets", "web", "backend-db"))))
                .isTrue();
        assertThat(rules.stream().anyMatch(r -> r.allows(access("get", "", "secrets", "web", "other"))))
                .isFalse();
    }

    @Test
    void aBindingToAMissingRoleGrantsNothingAndIsListed() {
        assertThat(RBAC.danglingBindings()).extracting(RbacBindingDef::name).containsExactly("leftover");
        assertThat(RBAC.forSubject("User", "bob", null).get(0).rules()).isEmpty();
        assertThat(RBAC.forSubject("User", "bob", null).get(0).role()).isNull();
    }
}
