package io.trailtailor.findings.node;

import static io.trailtailor.findings.node.NodeFixtures.EC2_TRUST;
import static io.trailtailor.findings.node.NodeFixtures.LAMBDA_TRUST;
import static io.trailtailor.findings.node.NodeFixtures.context;
import static io.trailtailor.findings.node.NodeFixtures.gaad;
import static io.trailtailor.findings.node.NodeFixtures.roleArn;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Finding;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.IdentityMapping;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRoleExtraGrantsTest {

    private static final RuleInfo INFO =
            NodeFixtures.info("TT-NODE-001", "NODE_ROLE_EXTRA_GRANTS", RecommendationKind.DETACH_POLICY);
    private static final List<String> BASELINE = List.of(
            "AmazonEKSWorkerNodePolicy",
            "AmazonEKS_CNI_Policy",
            "AmazonEC2ContainerRegistryReadOnly",
            "AmazonSSMManagedInstanceCore");

    @TempDir
    Path dir;

    private List<Finding> run(String trust, boolean profile, List<String> extra, String inline) throws IOException {
        List<String> managed = new java.util.ArrayList<>(BASELINE);
        managed.addAll(extra);
        return new NodeRoleExtraGrants()
                .evaluate(context(gaad(dir, "nodes", trust, profile, managed, inline), Map.of(), List.of()), INFO);
    }

    @Test
    void anS3PolicyOnANodeRoleIsOneHighDetachFindingNamingTheCniMove() throws IOException {
        List<Finding> out = run(EC2_TRUST, true, List.of("AmazonS3ReadOnlyAccess"), null);

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.system()).isTrue();
            assertThat(f.principalArn()).isEqualTo(roleArn("nodes"));
            assertThat(f.grant()).isEqualTo("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
            assertThat(f.actions()).contains("s3:Get*").noneMatch(a -> a.startsWith("iam:"));
            assertThat(f.evidence().facts()).containsEntry("adminEquivalent", "false");
            assertThat(f.evidence().granted())
                    .allSatisfy(g -> assertThat(g.source()).isEqualTo("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
                    .anySatisfy(g -> assertThat(g.actions()).contains("s3:Get*"));
            assertThat(f.evidence().facts())
                    .containsEntry("nodeRoleBecause", List.of("EC2 trust and instance profile"));
            assertThat(f.recommendation().kind()).isEqualTo(RecommendationKind.DETACH_POLICY);
            assertThat(f.recommendation().summary()).contains("aws-node's own identity");
            assertThat(f.recommendation().patch())
                    .isEqualTo("aws iam detach-role-policy --role-name nodes --policy-arn "
                            + "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        });
    }

    @Test
    void administratorAccessAndAnInlinePassRolePolicyAreCritical() throws IOException {
        String inline = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Pass\",\"Effect\":\"Allow\","
                + "\"Action\":[\"iam:PassRole\",\"ec2:RunInstances\"],\"Resource\":\"*\"}]}";

        List<Finding> out = run(EC2_TRUST, true, List.of("AdministratorAccess"), inline);

        assertThat(out).hasSize(2).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
        assertThat(out)
                .extracting(Finding::grant)
                .containsExactly("arn:aws:iam::aws:policy/AdministratorAccess", "extra");
        assertThat(out.get(0).actions()).containsExactly("*");
        assertThat(out.get(0).evidence().facts()).containsEntry("adminEquivalent", "true");
        assertThat(out.get(1).actions()).containsExactly("ec2:RunInstances", "iam:PassRole");
        assertThat(out.get(1).evidence().facts()).containsEntry("escalationPath", "true");
        assertThat(out.get(1).evidence().granted())
                .singleElement()
                .satisfies(g -> assertThat(g.statement()).isEqualTo("Pass"));
    }

    @Test
    void aNodeRoleWithOnlyTheBaselineAndAcceptedExtrasIsSilent() throws IOException {
        assertThat(run(EC2_TRUST, true, List.of(), null)).isEmpty();
    }

    @Test
    void aRoleThatIsNoNodeRoleIsSilentWhateverItCarries() throws IOException {
        assertThat(run(LAMBDA_TRUST, false, List.of("AdministratorAccess"), null))
                .isEmpty();
        // EC2 trust alone, without an instance profile, is not a node either.
        assertThat(run(EC2_TRUST, false, List.of("AdministratorAccess"), null)).isEmpty();
    }

    @Test
    void anAwsAuthSystemNodesMappingMakesANodeRoleWithoutInstanceProfile() throws IOException {
        IdentityMapping m = new IdentityMapping(
                IdentityMapping.Source.MAP_ROLES,
                roleArn("nodes"),
                "system:node:{{EC2PrivateDNSName}}",
                List.of("system:bootstrappers", "system:nodes"));
        ClusterSnapshot prod = new ClusterSnapshot(
                "prod",
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(m),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                List.of());
        List<String> managed = List.of("AmazonEKSWorkerNodePolicy", "AmazonS3ReadOnlyAccess");

        List<Finding> out = new NodeRoleExtraGrants()
                .evaluate(
                        context(gaad(dir, "nodes", EC2_TRUST, false, managed, null), Map.of("prod", prod), List.of()),
                        INFO);

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.evidence().facts())
                    .containsEntry("nodeRoleBecause", List.of("aws-auth maps it to system:nodes in prod"));
            assertThat(f.recommendation().summary()).doesNotContain("aws-node");
        });
    }
}
