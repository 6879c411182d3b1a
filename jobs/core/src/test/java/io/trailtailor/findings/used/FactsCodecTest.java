package io.trailtailor.findings.used;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsCodecTest {

    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-03T12:30:00.250Z");

    private static final UsedAction USE = new UsedAction(
            UsedAction.WORKLOAD,
            "prod/web/backend",
            "prod",
            "web",
            "backend",
            "iam:PassRole",
            "arn:aws:iam::111122223333:role/app",
            false,
            7,
            T1,
            T2,
            List.of("e1", "e2"),
            List.of("ecs-tasks.amazonaws.com"));

    private static final K8sRequestUse REQUEST = new K8sRequestUse(
            "prod",
            "system:serviceaccount:web:backend",
            List.of("system:authenticated", "system:serviceaccounts"),
            null,
            "get",
            "",
            "configmaps",
            null,
            "web",
            "settings",
            true,
            "RBAC: allowed by RoleBinding \"r/web\" of Role \"r\" to ServiceAccount \"backend/web\"",
            3,
            T1,
            T2,
            List.of("a1", "a2", "a3"));

    private static final NodeRoleCall NODE_CALL = new NodeRoleCall(
            "arn:aws:iam::111122223333:role/nodes",
            "prod",
            "ip-10-0-1-5.ec2.internal",
            "s3:GetObject",
            4,
            T1,
            T2,
            List.of("aws-sdk-java/2.20", "kubelet"),
            List.of(),
            List.of("uid-1", "uid-unknown"),
            List.of("e9"));

    @Test
    void aUsageRowReadsBackEqual() {
        assertThat(FactsCodec.readUsage(FactsCodec.write(USE))).isEqualTo(USE);
    }

    @Test
    void aKubernetesRequestReadsBackEqualAndKeepsItsRbacPrincipal() {
        String line = FactsCodec.write(REQUEST, "system:serviceaccount:web:backend");
        assertThat(FactsCodec.readK8s(line)).isEqualTo(REQUEST);
        assertThat(FactsCodec.rbacPrincipalOf(line)).isEqualTo("system:serviceaccount:web:backend");
    }

    @Test
    void aNodeRoleCallReadsBackEqual() {
        assertThat(FactsCodec.readNode(FactsCodec.write(NODE_CALL))).isEqualTo(NODE_CALL);
    }

    @Test
    void assemblingResolvesCandidatePodUidsToNamesAndWorkloadsWhereKnown(@TempDir Path facts) throws Exception {
        write(facts.resolve("usage/part-0.jsonl"), FactsCodec.write(USE) + "\n\n");
        write(facts.resolve("k8s/part-0.jsonl"), FactsCodec.write(REQUEST, "x") + "\n");
        write(facts.resolve("node/part-0.jsonl"), FactsCodec.write(NODE_CALL) + "\n");
        write(facts.resolve("node/.part-1.inprogress"), "not json\n");
        WorkloadSummary web = new WorkloadSummary(
                "prod",
                "web",
                "frontend",
                List.of(Mechanism.INSTANCE_PROFILE),
                List.of("arn:aws:iam::111122223333:role/nodes"),
                List.of(new WorkloadSummary.Pod("frontend-7d9", "uid-1", "ip-10-0-1-5.ec2.internal")),
                4,
                0,
                List.of(),
                null);

        UsedSide used = FactsCodec.assemble(facts, List.of(web), T1, T2);

        assertThat(used.actions()).containsExactly(USE);
        assertThat(used.k8sRequests()).containsExactly(REQUEST);
        assertThat(used.nodeRoleCalls()).hasSize(1);
        NodeRoleCall resolved = used.nodeRoleCalls().get(0);
        assertThat(resolved.candidatePods()).containsExactly("frontend-7d9", "uid-unknown");
        assertThat(resolved.candidateWorkloads()).containsExactly("prod/web/frontend");
        assertThat(used.windowFrom()).isEqualTo(T1);
        assertThat(used.workloads()).containsExactly(web);
    }

    @Test
    void workloadsJsonReadsIntoSummaries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("workloads.json");
        write(
                file,
                "[{\"cluster\":\"prod\",\"namespace\":\"web\",\"serviceAccount\":\"backend\",\"mechanisms\":[\"IRSA\"],"
                        + "\"roleArns\":[\"arn:aws:iam::111122223333:role/app\"],\"pods\":[{\"name\":\"b-1\",\"uid\":\"u1\","
                        + "\"node\":null}],\"calls\":5,\"deniedCalls\":1,\"actions\":[\"s3:GetObject\"],"
                        + "\"policyFile\":\"policies/workloads/prod/web/backend.json\"}]");

        assertThat(FactsCodec.readWorkloads(file))
                .containsExactly(new WorkloadSummary(
                        "prod",
                        "web",
                        "backend",
                        List.of(Mechanism.IRSA),
                        List.of("arn:aws:iam::111122223333:role/app"),
                        List.of(new WorkloadSummary.Pod("b-1", "u1", null)),
                        5,
                        1,
                        List.of("s3:GetObject"),
                        "policies/workloads/prod/web/backend.json"));
        assertThat(FactsCodec.readWorkloads(dir.resolve("absent.json"))).isEmpty();
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
