package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.event.AuditEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class K8sAccessTest {

    @Test
    void podIdentitySessionCreatingPodsInAnotherClusterIsOneRow() {
        AuditEvent e = EventJson.audit("audit-iam-role-creates-pod.json", "cluster-b");
        CredentialSession podSession = CredentialSession.builder("ASIARLIVEKVNN6Y6J5UW", Mechanism.POD_IDENTITY)
                .roleArn("arn:aws:iam::123412341234:role/DevAdministrator")
                .cluster("cluster-a")
                .namespace("ci")
                .serviceAccount("deployer")
                .podName("runner-1")
                .podUid("uid-runner-1")
                .rootPrincipal("eks:cluster-a/ci/deployer")
                .build();

        assertThat(K8sAccess.isIamAuthenticated(e)).isTrue();
        assertThat(K8sAccess.accessKeyOf(e)).isEqualTo("ASIARLIVEKVNN6Y6J5UW");
        assertThat(K8sAccess.of(e, podSession))
                .contains(new K8sAccess(
                        "c1d2e3f4-0000-4000-8000-000000000001",
                        Instant.parse("2022-11-28T18:33:00Z"),
                        "cluster-b",
                        "create",
                        null,
                        "pods",
                        null,
                        "jobs",
                        null,
                        "allow",
                        "kubernetes-admin",
                        "arn:aws:sts::123412341234:assumed-role/DevAdministrator/1669660343296132000",
                        "ASIARLIVEKVNN6Y6J5UW",
                        Mechanism.POD_IDENTITY,
                        "arn:aws:iam::123412341234:role/DevAdministrator",
                        "eks:cluster-a/ci/deployer",
                        "cluster-a",
                        "ci",
                        "deployer",
                        "uid-runner-1"));
    }

    @Test
    void unknownSessionStillGivesTheRowWithTheCanonicalRole() {
        K8sAccess row = K8sAccess.of(EventJson.audit("audit-iam-role-creates-pod.json", "b"), null)
                .orElseThrow();

        assertThat(row.mechanism()).isNull();
        assertThat(row.roleArn()).isEqualTo("arn:aws:iam::123412341234:role/DevAdministrator");
        assertThat(row.sourceCluster()).isNull();
    }

    @Test
    void serviceAccountAndControllerRequestsAreNotIamAccess() {
        AuditEvent create = EventJson.audit("audit-pods-create-falco.json", "minikube");

        assertThat(K8sAccess.isIamAuthenticated(create)).isFalse();
        assertThat(K8sAccess.of(create, null)).isEmpty();
    }
}
