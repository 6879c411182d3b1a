package io.trailtailor.findings.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerReasonTest {

    /** Reason strings as real audit logs and the RBAC authorizer's describers write them. */
    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of(
                        "RBAC: allowed by ClusterRoleBinding \"system:controller:replicaset-controller\" of ClusterRole"
                                + " \"system:controller:replicaset-controller\" to ServiceAccount"
                                + " \"replicaset-controller/kube-system\"",
                        new AuthorizerReason(
                                "RBAC",
                                "ClusterRoleBinding",
                                "system:controller:replicaset-controller",
                                null,
                                "ClusterRole",
                                "system:controller:replicaset-controller",
                                "ServiceAccount",
                                "replicaset-controller",
                                "kube-system"),
                        "ClusterRoleBinding/system:controller:replicaset-controller"),
                Arguments.of(
                        "RBAC: allowed by RoleBinding \"ingress-nginx/ingress-nginx\" of Role \"ingress-nginx\" to"
                                + " ServiceAccount \"ingress-nginx/ingress-nginx\"",
                        new AuthorizerReason(
                                "RBAC",
                                "RoleBinding",
                                "ingress-nginx",
                                "ingress-nginx",
                                "Role",
                                "ingress-nginx",
                                "ServiceAccount",
                                "ingress-nginx",
                                "ingress-nginx"),
                        "RoleBinding/ingress-nginx/ingress-nginx"),
                Arguments.of(
                        "RBAC: allowed by RoleBinding \"cluster-monitoring-operator/openshift-monitoring\" of"
                                + " ClusterRole \"cluster-monitoring-operator-namespaced\" to Group \"ops:team\"",
                        new AuthorizerReason(
                                "RBAC",
                                "RoleBinding",
                                "cluster-monitoring-operator",
                                "openshift-monitoring",
                                "ClusterRole",
                                "cluster-monitoring-operator-namespaced",
                                "Group",
                                "ops:team",
                                null),
                        "RoleBinding/openshift-monitoring/cluster-monitoring-operator"),
                Arguments.of(
                        "RBAC: allowed by ClusterRoleBinding \"admins\" of ClusterRole \"cluster-admin\" to User"
                                + " \"alice@example.com\"",
                        new AuthorizerReason(
                                "RBAC",
                                "ClusterRoleBinding",
                                "admins",
                                null,
                                "ClusterRole",
                                "cluster-admin",
                                "User",
                                "alice@example.com",
                                null),
                        "ClusterRoleBinding/admins"),
                Arguments.of(
                        "EKS Access Policy: allowed by ClusterRoleBinding \"arn:aws:iam::211125685544:role/sso_admin"
                                + "+arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy\" of ClusterRole"
                                + " \"arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy\" to User"
                                + " \"AROATCKASJUUBCXRRKSFT\"",
                        new AuthorizerReason(
                                "EKS Access Policy",
                                "ClusterRoleBinding",
                                "arn:aws:iam::211125685544:role/sso_admin"
                                        + "+arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                                null,
                                "ClusterRole",
                                "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                                "User",
                                "AROATCKASJUUBCXRRKSFT",
                                null),
                        "ClusterRoleBinding/arn:aws:iam::211125685544:role/sso_admin"
                                + "+arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"),
                Arguments.of(
                        "RBAC: allowed by RoleBinding \"deploy-bot-binding\" of Role \"deployment-manager\" to"
                                + " ServiceAccount \"deploy-bot/production\"",
                        new AuthorizerReason(
                                "RBAC",
                                "RoleBinding",
                                "deploy-bot-binding",
                                null,
                                "Role",
                                "deployment-manager",
                                "ServiceAccount",
                                "deploy-bot",
                                "production"),
                        "RoleBinding/deploy-bot-binding"));
    }

    @ParameterizedTest
    @MethodSource("reasons")
    void parsesTheBindingRoleAndSubjectAReasonNames(String reason, AuthorizerReason expected, String key) {
        AuthorizerReason parsed = AuthorizerReason.parse(reason).orElseThrow();

        assertThat(parsed).isEqualTo(expected);
        assertThat(parsed.bindingKey()).isEqualTo(key);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "   ",
                "allowed by webhook",
                "RBAC: DENY",
                "access denied by the node authorizer: node 'ip-10-0-0-1' cannot get unrelated pod"
            })
    void namesNoBindingForEmptyOrForeignReasons(String reason) {
        assertThat(AuthorizerReason.parse(reason)).isEmpty();
    }
}
