package io.trailtailor.flink.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.AuditUser;
import io.trailtailor.event.ObjectRef;
import io.trailtailor.findings.used.K8sRequestUse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactsRowsTest {

    private static AuditEvent get(String auditId, String time, Map<String, String> annotations, int code) {
        return new AuditEvent(
                auditId,
                "prod",
                "Metadata",
                "ResponseComplete",
                "get",
                "/api/v1/namespaces/web/configmaps/settings",
                new AuditUser(
                        "system:serviceaccount:web:backend",
                        "u",
                        List.of("system:serviceaccounts", "system:authenticated"),
                        Map.of()),
                null,
                List.of(),
                "kubectl",
                new ObjectRef("configmaps", null, "web", "settings", null, "", "v1"),
                code,
                Instant.parse(time),
                Instant.parse(time),
                null,
                null,
                annotations,
                null,
                null,
                "f");
    }

    @Test
    void requestsOfOneKindSumWithTheReasonAndSortedSamples() {
        String reason = "RBAC: allowed by RoleBinding \"r/web\" of Role \"r\" to ServiceAccount \"backend/web\"";
        Map<String, String> allowed = Map.of("authorization.k8s.io/decision", "allow", K8sRequestRow.REASON, reason);
        K8sRequestRow a =
                K8sRequestRow.of(get("b", "2026-11-02T00:00:00Z", allowed, 200)).orElseThrow();
        K8sRequestRow b =
                K8sRequestRow.of(get("a", "2026-11-01T00:00:00Z", allowed, 200)).orElseThrow();
        K8sRequestRow refused = K8sRequestRow.of(
                        get("c", "2026-11-01T00:00:00Z", Map.of("authorization.k8s.io/decision", "forbid"), 403))
                .orElseThrow();

        assertThat(a.key()).isEqualTo(b.key()).isNotEqualTo(refused.key());
        K8sRequestUse sum = K8sRequestRow.merge(a, b).toUse();

        assertThat(sum)
                .isEqualTo(new K8sRequestUse(
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
                        reason,
                        2,
                        Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-11-02T00:00:00Z"),
                        List.of("a", "b")));
        assertThat(refused.allowed).isFalse();
        assertThat(refused.reason).isNull();
    }

    @Test
    void nodeCallsSumKeepingAtMostFiveAgentsAndSamples() {
        NodeCallRow sum = null;
        for (int i = 0; i < 7; i++) {
            NodeCallRow r = new NodeCallRow();
            r.roleArn = "arn:aws:iam::111122223333:role/nodes";
            r.cluster = "prod";
            r.node = "n1";
            r.action = "s3:GetObject";
            r.calls = 1;
            r.firstSeen = 1000L + i;
            r.lastSeen = 1000L + i;
            r.userAgents = new String[] {"agent-" + i};
            r.candidatePods = new String[] {"uid-" + (i % 2)};
            r.samples = new String[] {"e" + i};
            sum = sum == null ? r : NodeCallRow.merge(sum, r);
        }

        assertThat(sum.calls).isEqualTo(7);
        assertThat(sum.firstSeen).isEqualTo(1000);
        assertThat(sum.lastSeen).isEqualTo(1006);
        assertThat(sum.userAgents).containsExactly("agent-0", "agent-1", "agent-2", "agent-3", "agent-4");
        assertThat(sum.samples).containsExactly("e0", "e1", "e2", "e3", "e4");
        assertThat(sum.candidatePods).containsExactly("uid-0", "uid-1");
    }
}
