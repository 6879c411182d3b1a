package io.trailtailor.grants.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailtailor.rbac.EksAccessPolicies;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSnapshotReaderTest {

    private static final Path DIR = Path.of("src/test/resources/findings/cluster/prod");
    private static final ClusterSnapshot PROD = ClusterSnapshotReader.readArgument("prod=" + DIR);

    @Test
    void decidesEachFilesKindFromItsContent() {
        assertThat(PROD.cluster()).isEqualTo("prod");
        assertThat(PROD.filesByKind())
                .isEqualTo(Map.of(
                        SnapshotKind.DESCRIBE_CLUSTER, 1,
                        SnapshotKind.RBAC, 1,
                        SnapshotKind.AWS_AUTH, 1,
                        SnapshotKind.ACCESS_ENTRY, 1,
                        SnapshotKind.ASSOCIATED_ACCESS_POLICIES, 1,
                        SnapshotKind.POD_IDENTITY_ASSOCIATION, 1,
                        SnapshotKind.SERVICE_ACCOUNTS, 1,
                        SnapshotKind.UNKNOWN, 2));
    }

    @Test
    void filesOfNoKnownKindAreReportedWithTheirPath() {
        assertThat(PROD.unknownFiles())
                .containsExactly(
                        new ClusterSnapshot.UnknownFile(DIR.resolve("notes.yaml"), "no known snapshot kind"),
                        new ClusterSnapshot.UnknownFile(DIR.resolve("pods.json"), "no known snapshot kind"));
    }

    @Test
    void readsTheEksClusterDescription() {
        EksClusterInfo eks = PROD.eks().orElseThrow();
        assertThat(eks.name()).isEqualTo("prod");
        assertThat(eks.issuerHost()).isEqualTo("oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
        assertThat(eks.authenticationMode()).isEqualTo("API_AND_CONFIG_MAP");
        assertThat(eks.bootstrapClusterCreatorAdminPermissions()).isTrue();
        assertThat(eks.createdAt()).isEqualTo(Instant.parse("2025-11-01T10:00:00.123Z"));
    }

    @Test
    void readsAwsAuthMappingsFromTheYamlInsideTheConfigMap() {
        assertThat(PROD.awsAuth())
                .containsExactly(
                        new IdentityMapping(
                                IdentityMapping.Source.MAP_ROLES,
                                "arn:aws:iam::111122223333:role/eks-node",
                                "system:node:{{EC2PrivateDNSName}}",
                                List.of("system:bootstrappers", "system:nodes")),
                        new IdentityMapping(
                                IdentityMapping.Source.MAP_ROLES,
                                "arn:aws:iam::111122223333:role/ops/ops-power",
                                "ops:{{SessionName}}",
                                List.of("system:masters")),
                        new IdentityMapping(
                                IdentityMapping.Source.MAP_USERS,
                                "arn:aws:iam::111122223333:user/alice",
                                "alice",
                                List.of("developers")));
    }

    @Test
    void readsAccessEntriesAndTheirPoliciesWithTheirPermissions() {
        assertThat(PROD.accessEntries()).singleElement().satisfies(e -> {
            assertThat(e.principalArn()).isEqualTo("arn:aws:iam::111122223333:role/ops/ops-power");
            assertThat(e.kubernetesGroups()).containsExactly("ops");
            assertThat(e.type()).isEqualTo("STANDARD");
        });
        assertThat(PROD.accessPolicies())
                .extracting(AssociatedAccessPolicy::policyName, AssociatedAccessPolicy::clusterScope)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("AmazonEKSClusterAdminPolicy", true),
                        org.assertj.core.groups.Tuple.tuple("AmazonEKSViewPolicy", false));
        assertThat(PROD.accessPolicies().get(1).namespaces()).containsExactly("web", "orders");
        EksAccessPolicies catalog = EksAccessPolicies.loadDefault();
        assertThat(PROD.accessPolicies()
                        .get(0)
                        .permissions(catalog)
                        .orElseThrow()
                        .rules())
                .isEqualTo(catalog.byName("AmazonEKSClusterAdminPolicy")
                        .orElseThrow()
                        .rules());
    }

    @Test
    void readsPodIdentityAssociationsAndServiceAccounts() {
        assertThat(PROD.podIdentityAssociations()).singleElement().satisfies(a -> {
            assertThat(a.namespace() + "/" + a.serviceAccount()).isEqualTo("orders/orders-api");
            assertThat(a.effectiveRoleArn()).isEqualTo("arn:aws:iam::111122223333:role/orders-pod-identity");
            assertThat(a.disableSessionTags()).isFalse();
            assertThat(a.sessionPolicy()).isNull();
        });
        assertThat(PROD.serviceAccounts())
                .extracting(
                        ServiceAccountInfo::subject,
                        ServiceAccountInfo::irsaRoleArn,
                        ServiceAccountInfo::automountToken)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "system:serviceaccount:web:backend",
                                "arn:aws:iam::111122223333:role/web-backend",
                                null),
                        org.assertj.core.groups.Tuple.tuple(
                                "system:serviceaccount:web:frontend",
                                "arn:aws:iam::111122223333:role/web-shared",
                                false),
                        org.assertj.core.groups.Tuple.tuple("system:serviceaccount:orders:orders-api", null, null),
                        org.assertj.core.groups.Tuple.tuple("system:serviceaccount:monitoring:prometheus", null, true));
    }

    @Test
    void aSingleFileIsASnapshotToo() {
        ClusterSnapshot one = ClusterSnapshotReader.read(
                "prod", Path.of("src/test/resources/findings/cluster/single/describe-cluster.json"));
        assertThat(one.filesByKind()).isEqualTo(Map.of(SnapshotKind.DESCRIBE_CLUSTER, 1));
        assertThat(one.unknownFiles()).isEmpty();
        assertThat(one.roles()).isEmpty();
    }

    @Test
    void theArgumentMustBeClusterEqualsPath() {
        assertThatThrownBy(() -> ClusterSnapshotReader.readArgument("no-equals-sign"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLUSTER=PATH");
    }

    @Test
    void listsTheRolesServiceAccountsAreConfiguredToReceive() {
        assertThat(PROD.workloadRoles())
                .containsExactly(
                        new WorkloadRole(
                                "prod",
                                "web",
                                "backend",
                                "arn:aws:iam::111122223333:role/web-backend",
                                WorkloadRole.Mechanism.IRSA),
                        new WorkloadRole(
                                "prod",
                                "web",
                                "frontend",
                                "arn:aws:iam::111122223333:role/web-shared",
                                WorkloadRole.Mechanism.IRSA),
                        new WorkloadRole(
                                "prod",
                                "orders",
                                "orders-api",
                                "arn:aws:iam::111122223333:role/orders-pod-identity",
                                WorkloadRole.Mechanism.POD_IDENTITY));
    }
}
