package io.trailtailor.rbac;

import static io.trailtailor.rbac.RbacSynthesizerTest.ROLE;
import static io.trailtailor.rbac.RbacSynthesizerTest.a;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EksAccessPoliciesTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        List.of(a(ROLE, "get", "", "pods", "log", "shop", "p")),
                        "AmazonEKSViewPolicy",
                        "NAMESPACE",
                        List.of("shop")),
                Arguments.of(
                        List.of(
                                a(ROLE, "list", "apps", "deployments", null, "a", null),
                                a(ROLE, "watch", "batch", "jobs", null, "b", null)),
                        "AmazonEKSViewPolicy",
                        "NAMESPACE",
                        List.of("a", "b")),
                // view has no secrets: reading one needs edit
                Arguments.of(
                        List.of(a(ROLE, "get", "", "secrets", null, "shop", "db")),
                        "AmazonEKSEditPolicy",
                        "NAMESPACE",
                        List.of("shop")),
                Arguments.of(
                        List.of(
                                a(ROLE, "patch", "apps", "deployments", null, "shop", "web"),
                                a(ROLE, "create", "", "pods", "exec", "shop", "web-1")),
                        "AmazonEKSEditPolicy",
                        "NAMESPACE",
                        List.of("shop")),
                Arguments.of(
                        List.of(a(ROLE, "create", "rbac.authorization.k8s.io", "rolebindings", null, "shop", null)),
                        "AmazonEKSAdminPolicy",
                        "NAMESPACE",
                        List.of("shop")),
                // listing across all namespaces needs cluster scope, and view covers the verbs
                Arguments.of(
                        List.of(a(ROLE, "list", "", "pods", null, null, null)),
                        "AmazonEKSViewPolicy",
                        "CLUSTER",
                        List.of()),
                // nodes are in none of the user-facing roles
                Arguments.of(
                        List.of(a(ROLE, "get", "", "nodes", null, null, "n1")),
                        "AmazonEKSClusterAdminPolicy",
                        "CLUSTER",
                        List.of()),
                Arguments.of(
                        List.of(a(
                                ROLE, "create", "apiextensions.k8s.io", "customresourcedefinitions", null, null, null)),
                        "AmazonEKSClusterAdminPolicy",
                        "CLUSTER",
                        List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void picksTheNarrowestPolicyAndScope(List<K8sAccess> use, String policy, String scope, List<String> ns) {
        EksAccessPolicies.Recommendation r =
                EksAccessPolicies.loadDefault().narrowest(use).orElseThrow();
        assertThat(r.policy().name()).isEqualTo(policy);
        assertThat(r.scope().name()).isEqualTo(scope);
        assertThat(r.namespaces()).isEqualTo(ns);
    }

    @org.junit.jupiter.api.Test
    void policiesNestViewInEditInAdmin() {
        EksAccessPolicies p = EksAccessPolicies.loadDefault();
        assertThat(p.policies())
                .extracting(EksAccessPolicies.AccessPolicy::name)
                .containsExactly(
                        "AmazonEKSViewPolicy",
                        "AmazonEKSEditPolicy",
                        "AmazonEKSAdminPolicy",
                        "AmazonEKSClusterAdminPolicy");
        var view = p.byName("AmazonEKSViewPolicy").orElseThrow().rules();
        var edit = p.byName("AmazonEKSEditPolicy").orElseThrow().rules();
        var admin = p.byName("AmazonEKSAdminPolicy").orElseThrow().rules();
        assertThat(edit).containsAll(view);
        assertThat(admin).containsAll(edit);
    }
}
