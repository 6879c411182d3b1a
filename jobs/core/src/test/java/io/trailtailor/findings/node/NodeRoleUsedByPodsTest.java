package io.trailtailor.findings.node;

import static io.trailtailor.findings.node.NodeFixtures.FROM;
import static io.trailtailor.findings.node.NodeFixtures.context;
import static io.trailtailor.findings.node.NodeFixtures.roleArn;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.NodeRoleCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRoleUsedByPodsTest {

    private static final RuleInfo INFO =
            NodeFixtures.info("TT-NODE-002", "NODE_ROLE_USED_BY_PODS", RecommendationKind.HARDEN_IMDS);
    private static final String ROLE = roleArn("nodes");

    private static NodeRoleCall call(String node, String action, long n, String agent, String sample) {
        return new NodeRoleCall(
                ROLE,
                "prod",
                node,
                action,
                n,
                FROM.plusSeconds(60),
                FROM.plusSeconds(3600),
                List.of(agent),
                List.of("prod/shop/default"),
                List.of("cart-7d9f"),
                List.of(sample));
    }

    @Test
    void applicationCallsOutsideTheBaselineAreOneHighLowConfidenceFindingWithAPolicyOfThem() {
        List<NodeRoleCall> calls = List.of(
                call("ip-10-0-1-5", "ec2:DescribeInstances", 40, "kubelet", "e1"),
                call("ip-10-0-1-5", "s3:GetObject", 7, "aws-sdk-go-v2/1.30", "e2"),
                call("ip-10-0-1-6", "s3:GetObject", 3, "aws-sdk-go-v2/1.30", "e3"),
                call("ip-10-0-1-6", "dynamodb:PutItem", 2, "Boto3/1.34", "e4"));

        List<Finding> out = new NodeRoleUsedByPods().evaluate(context(null, Map.of(), calls), INFO);

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.confidence()).isEqualTo(Confidence.LOW);
            assertThat(f.system()).isFalse();
            assertThat(f.cluster()).isEqualTo("prod");
            assertThat(f.actions()).containsExactly("dynamodb:PutItem", "s3:GetObject");
            assertThat(f.evidence().used())
                    .extracting(u -> u.action() + "=" + u.count() + " " + u.samples())
                    .containsExactly("dynamodb:PutItem=2 [e4]", "s3:GetObject=10 [e2, e3]");
            assertThat(f.evidence().facts())
                    .containsEntry("calls", 12L)
                    .containsEntry("nodes", List.of("ip-10-0-1-5", "ip-10-0-1-6"))
                    .containsEntry("userAgents", List.of("Boto3/1.34", "aws-sdk-go-v2/1.30"))
                    .containsEntry("candidateWorkloads", List.of("prod/shop/default"))
                    .containsEntry("candidatePods", List.of("cart-7d9f"));
            assertThat(f.recommendation().kind()).isEqualTo(RecommendationKind.HARDEN_IMDS);
            assertThat(f.recommendation().summary()).contains("IMDSv2", "hop limit of 1", "prod/shop/default");
            assertThat(f.recommendation().patch())
                    .contains("\"dynamodb:PutItem\"", "\"s3:GetObject\"")
                    .doesNotContain("ec2:DescribeInstances");
        });
    }

    @Test
    void aSingleCandidateWorkloadGetsItsGeneratedPolicyFileAsTheTarget() {
        List<NodeRoleCall> calls = List.of(call("ip-10-0-1-5", "s3:GetObject", 7, "aws-sdk-go-v2/1.30", "e2"));
        var ctx = io.trailtailor.findings.FindingContext.of(
                io.trailtailor.catalog.IamCatalog.loadDefault(),
                null,
                io.trailtailor.grants.ManagedPolicies.loadDefault(),
                Map.of(),
                null,
                new io.trailtailor.findings.used.UsedSide(
                        List.of(), List.of(), List.of(), calls, FROM, NodeFixtures.TO),
                io.trailtailor.findings.FindingsOptions.defaults(),
                Map.of("prod/shop/default", "policies/workloads/prod/shop/default.json"),
                Map.of());

        assertThat(new NodeRoleUsedByPods().evaluate(ctx, INFO))
                .singleElement()
                .satisfies(f ->
                        assertThat(f.recommendation().file()).isEqualTo("policies/workloads/prod/shop/default.json"));
    }

    @Test
    void callsTheNodeAgentsMakeAreSilent() {
        List<NodeRoleCall> calls = List.of(
                call("ip-10-0-1-5", "ec2:DescribeInstances", 40, "kubelet", "e1"),
                call("ip-10-0-1-5", "ecr:GetAuthorizationToken", 12, "kubelet", "e2"),
                call("ip-10-0-1-5", "ec2:AssignPrivateIpAddresses", 3, "amazon-vpc-cni-k8s", "e3"),
                call("ip-10-0-1-5", "ssm:UpdateInstanceInformation", 9, "amazon-ssm-agent", "e4"));

        assertThat(new NodeRoleUsedByPods().evaluate(context(null, Map.of(), calls), INFO))
                .isEmpty();
    }
}
