package io.trailtailor.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.ClusterSnapshotReader;
import io.trailtailor.grants.cluster.IdentityMapping;
import io.trailtailor.grants.cluster.RbacBindingDef;
import io.trailtailor.grants.cluster.ServiceAccountInfo;
import io.trailtailor.grants.cluster.SnapshotKind;
import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Credential;
import io.trailtailor.synthetic.Model.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSnapshotWriterTest {

    @TempDir
    static Path dir;

    static World w;

    @BeforeAll
    static void generate() throws Exception {
        GeneratorOptions o = GeneratorOptions.defaults().withShapes(Shapes.ALL);
        Generator.writeSnapshots(o, dir);
        w = World.build(o.scenario(), new SplittableRandom(o.seed()), o.shapes());
    }

    private static ClusterSnapshot read(Cluster c) {
        return ClusterSnapshotReader.read(
                c.name, dir.resolve("snapshots/clusters").resolve(c.name));
    }

    @Test
    void everyClusterSnapshotIsReadWithNoUnknownFileAndTheRealIssuer() {
        assertThat(w.clusters).hasSizeGreaterThan(1);
        for (Cluster c : w.clusters) {
            ClusterSnapshot s = read(c);
            assertThat(s.unknownFiles()).isEmpty();
            assertThat(s.filesByKind())
                    .containsEntry(SnapshotKind.DESCRIBE_CLUSTER, 1)
                    .containsEntry(SnapshotKind.RBAC, 1)
                    .containsEntry(SnapshotKind.AWS_AUTH, 1)
                    .containsEntry(SnapshotKind.SERVICE_ACCOUNTS, 1)
                    .doesNotContainKey(SnapshotKind.UNKNOWN);
            assertThat(s.eks())
                    .hasValueSatisfying(e -> assertThat(e.oidcIssuer()).isEqualTo(c.issuerUrl()));
        }
    }

    @Test
    void everyServiceAccountTheSimulationUsesIsThereAndIrsaOnesAreAnnotatedWithTheirRole() {
        for (Cluster c : w.clusters) {
            Map<String, String> annotated = new java.util.HashMap<>();
            List<String> names = new ArrayList<>();
            for (ServiceAccountInfo sa : read(c).serviceAccounts()) {
                names.add(sa.namespace() + "/" + sa.name());
                if (sa.irsaRoleArn() != null) annotated.put(sa.namespace() + "/" + sa.name(), sa.irsaRoleArn());
            }
            for (Workload wl : c.workloads) {
                String key = wl.namespace + "/" + wl.serviceAccount;
                assertThat(names).contains(key);
                if (wl.credential == Credential.IRSA) assertThat(annotated).containsEntry(key, wl.role.arn());
            }
        }
        Cluster first = w.clusters.get(0);
        assertThat(read(first).serviceAccounts())
                .filteredOn(sa -> sa.name().equals(ClusterSnapshotWriter.UNUSED_SA))
                .singleElement()
                .satisfies(sa -> assertThat(sa.irsaRoleArn()).isNotNull());
    }

    @Test
    void awsAuthMapsNodeRolesToNodesAndTheBreakGlassRoleToSystemMasters() {
        for (Cluster c : w.clusters) {
            List<IdentityMapping> m = read(c).awsAuth();
            c.nodeGroups.forEach(ng -> assertThat(m)
                    .filteredOn(x -> x.arn().equals(ng.role.arn()))
                    .singleElement()
                    .satisfies(x -> assertThat(x.groups()).containsExactly("system:bootstrappers", "system:nodes")));
            long masters = m.stream()
                    .filter(x -> x.groups().contains("system:masters"))
                    .count();
            assertThat(masters).isEqualTo(c == w.clusters.get(0) ? 1 : 0);
        }
    }

    @Test
    void theFirstClusterHasOneClusterScopedAdminAccessPolicyAndAnExtraPodIdentityAssociation() {
        Cluster c = w.clusters.get(0);
        ClusterSnapshot s = read(c);
        assertThat(s.accessEntries())
                .singleElement()
                .satisfies(e -> assertThat(e.principalArn()).isEqualTo(w.samlRole.arn()));
        assertThat(s.accessPolicies()).singleElement().satisfies(p -> {
            assertThat(p.policyName()).isEqualTo("AmazonEKSClusterAdminPolicy");
            assertThat(p.clusterScope()).isTrue();
        });
        long podIdentity = c.workloads.stream()
                .filter(wl -> wl.credential == Credential.POD_IDENTITY)
                .map(wl -> wl.namespace + "/" + wl.serviceAccount)
                .distinct()
                .count();
        assertThat(podIdentity).isPositive();
        assertThat(s.podIdentityAssociations()).hasSize((int) podIdentity + 1);
        assertThat(s.filesByKind()).containsEntry(SnapshotKind.POD_IDENTITY_ASSOCIATION, (int) podIdentity + 1);
    }

    @Test
    void theDeliberateRbacCasesAreInTheSnapshotAndInTheTruth() throws Exception {
        Cluster c = w.clusters.get(0);
        List<String> bindings = new ArrayList<>();
        for (RbacBindingDef b : read(c).bindings()) {
            bindings.add(b.name() + " -> " + b.roleName() + " "
                    + b.subjects().stream().map(RbacBindingDef.Subject::name).toList());
        }
        assertThat(bindings)
                .contains(
                        "oncall-admin -> cluster-admin [oncall@example.com]",
                        "anonymous-pod-lister -> pod-lister [system:unauthenticated]",
                        "aws-auth-editor -> aws-auth-editor [platform-ops]",
                        "debug-tools -> debug-tools [oncall-debuggers]",
                        "legacy-reader -> legacy-reader [default]");

        var truth = new ObjectMapper()
                .readTree(dir.resolve("truth/expected-findings.json").toFile());
        List<String> cases = new ArrayList<>();
        truth.path("cases").forEach(n -> {
            if (n.has("cluster")) {
                cases.add(n.path("rule").asText() + " "
                        + n.path("binding")
                                .asText(n.path("serviceAccount")
                                        .asText(n.path("principalArn").asText().replaceAll(".*/", ""))));
            }
        });
        assertThat(cases)
                .containsExactlyInAnyOrder(
                        "TT-RBAC-003 oncall-admin",
                        "TT-RBAC-001 legacy-reader",
                        "TT-RBAC-004 debug-tools",
                        "TT-RBAC-002 debug-tools",
                        "TT-EKS-003 aws-auth-editor",
                        "TT-RBAC-006 anonymous-pod-lister",
                        "TT-EKS-001 break-glass-admin",
                        "TT-WID-005 legacy-sync",
                        "TT-RBAC-005 legacy-sync",
                        "TT-EKS-002 PlatformAdmin",
                        "TT-WID-005 old-exporter");
    }
}
