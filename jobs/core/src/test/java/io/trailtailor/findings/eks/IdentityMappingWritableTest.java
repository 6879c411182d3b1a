package io.trailtailor.findings.eks;

import static io.trailtailor.findings.rbac.ClusterFixture.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trailtailor.findings.Finding;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.rbac.ClusterFixture;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.grants.IamSnapshotReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityMappingWritableTest {

    @TempDir
    Path dir;

    @Test
    void reportsSubjectsThatCanWriteAwsAuthCriticalWhenUnusedHighWithResourceNamesWhenUsed() {
        String rbac = ClusterFixture.list(
                ClusterFixture.role("kube-system", "cm-writer", OLD, ClusterFixture.rule("", "configmaps", "patch")),
                ClusterFixture.role(
                        "kube-system",
                        "dns-writer",
                        OLD,
                        ClusterFixture.namedRule("", "configmaps", "coredns", "update,patch")),
                ClusterFixture.role("web", "web-cm", OLD, ClusterFixture.rule("", "configmaps", "update")),
                ClusterFixture.roleBinding(
                        "kube-system",
                        "cm-writer",
                        "Role",
                        "cm-writer",
                        OLD,
                        ClusterFixture.user("deployer"),
                        ClusterFixture.user("mapper")),
                ClusterFixture.roleBinding(
                        "kube-system", "dns-writer", "Role", "dns-writer", OLD, ClusterFixture.user("dns")),
                ClusterFixture.roleBinding("web", "web-cm", "Role", "web-cm", OLD, ClusterFixture.user("web")));
        var write = ClusterFixture.request(
                "mapper", List.of(), null, "patch", "", "configmaps", "kube-system", "aws-auth", true, null, 2);
        var ctx = ClusterFixture.context(List.of(ClusterFixture.snapshot(dir, rbac)), List.of(write));

        List<Finding> findings = new IdentityMappingWritable().evaluate(ctx, ClusterFixture.info("TT-EKS-003"));

        assertThat(findings)
                .extracting(Finding::grant, Finding::severity)
                .containsExactly(
                        tuple("RoleBinding/kube-system/cm-writer#deployer", Severity.CRITICAL),
                        tuple("RoleBinding/kube-system/cm-writer#mapper", Severity.HIGH));
        assertThat(findings.get(1).recommendation().patch()).contains("resourceNames: [aws-auth]");
        assertThat(findings.get(0).recommendation().patch()).isNull();
    }

    @Test
    void reportsAnIamRoleAllowedToCreateAccessEntriesOnEveryCluster() throws Exception {
        Path iam = dir.resolve("gaad.json");
        Files.writeString(iam, gaad());
        var used = new UsedAction(
                UsedAction.ROLE,
                EksFixture.roleArn("platform"),
                null,
                null,
                null,
                "eks:CreateAccessEntry",
                "arn:aws:eks:eu-west-1:111122223333:cluster/prod",
                false,
                1,
                ClusterFixture.FROM,
                ClusterFixture.FROM,
                List.of("ev-1"),
                List.of());
        var ctx = ClusterFixture.context(
                List.of(), List.of(), List.of(used), IamSnapshotReader.read(iam), Map.of(), Map.of());

        List<Finding> findings = new IdentityMappingWritable().evaluate(ctx, ClusterFixture.info("TT-EKS-003"));

        assertThat(findings)
                .extracting(Finding::principalArn, Finding::severity, Finding::actions)
                .containsExactly(
                        tuple(
                                EksFixture.roleArn("platform"),
                                Severity.HIGH,
                                List.of("eks:AssociateAccessPolicy", "eks:CreateAccessEntry")),
                        tuple(EksFixture.roleArn("tooling"), Severity.CRITICAL, List.of("eks:CreateAccessEntry")));
        assertThat(findings)
                .allSatisfy(f -> assertThat(f.recommendation().kind()).isEqualTo(RecommendationKind.REPLACE_POLICY));
        // reader holds eks:CreateAccessEntry only on one cluster: not reported.
        assertThat(findings).extracting(Finding::principalArn).doesNotContain(EksFixture.roleArn("reader"));
    }

    private static String gaad() {
        return "{\"UserDetailList\":[],\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":["
                + roleJson("platform", "[\"eks:CreateAccessEntry\",\"eks:AssociateAccessPolicy\"]", "*") + ","
                + roleJson("tooling", "\"eks:CreateAccessEntry\"", "arn:aws:eks:*:111122223333:cluster/*") + ","
                + roleJson("reader", "\"eks:CreateAccessEntry\"", "arn:aws:eks:eu-west-1:111122223333:cluster/prod")
                + "]}";
    }

    private static String roleJson(String name, String actions, String resource) {
        return "{\"Path\":\"/\",\"RoleName\":\"" + name + "\",\"RoleId\":\"AROA"
                + name.toUpperCase(java.util.Locale.ROOT)
                + "\",\"Arn\":\"" + EksFixture.roleArn(name) + "\",\"CreateDate\":\"2024-01-01T00:00:00Z\","
                + "\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[]},"
                + "\"InstanceProfileList\":[],\"AttachedManagedPolicies\":[],\"Tags\":[],\"RolePolicyList\":[{"
                + "\"PolicyName\":\"eks-access\",\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Action\":" + actions + ",\"Resource\":\"" + resource + "\"}]}}]}";
    }
}
