package io.trailtailor.findings.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.K8sRequestUse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnusedSensitiveRbacTest {

    @TempDir
    Path dir;

    private List<Finding> evaluate(List<K8sRequestUse> requests) {
        var ctx = ClusterFixture.context(List.of(Scenario.snapshot(dir)), requests);
        return new UnusedSensitiveRbac().evaluate(ctx, ClusterFixture.info("TT-RBAC-004"));
    }

    @Test
    void reportsEachUnusedSensitiveGrantOfASubjectWithItsSeverity() {
        List<Finding> findings = evaluate(Scenario.requests());

        assertThat(findings)
                .filteredOn(f -> f.grant().startsWith("subject:system:serviceaccount:web:backend#"))
                .extracting(Finding::grant, Finding::severity, Finding::actions)
                .containsExactly(tuple(
                        "subject:system:serviceaccount:web:backend#PODS_EXEC",
                        Severity.HIGH,
                        List.of("create pods/exec", "get pods/exec")));
        assertThat(findings)
                .filteredOn(f -> f.grant().startsWith("subject:alice#"))
                .extracting(Finding::grant, Finding::severity)
                .containsExactly(
                        tuple("subject:alice#SECRETS_READ", Severity.HIGH),
                        tuple("subject:alice#BIND", Severity.CRITICAL),
                        tuple("subject:alice#ESCALATE", Severity.CRITICAL),
                        tuple("subject:alice#IMPERSONATE", Severity.CRITICAL),
                        tuple("subject:alice#SERVICE_ACCOUNT_TOKEN", Severity.CRITICAL),
                        tuple("subject:alice#PODS_EXEC", Severity.HIGH),
                        tuple("subject:alice#NODES_PROXY", Severity.HIGH));
        assertThat(findings)
                .filteredOn(Finding::system)
                .extracting(Finding::grant)
                .allMatch(g -> g.startsWith("subject:group:system:masters#"));
        // Group ops only reads pods: nothing sensitive.
        assertThat(findings).extracting(Finding::grant).noneMatch(g -> g.startsWith("subject:group:ops#"));
    }

    @Test
    void aSensitiveGrantThatWasUsedIsNotReported() {
        List<K8sRequestUse> requests = new ArrayList<>(Scenario.requests());
        requests.add(ClusterFixture.allowed(
                "system:serviceaccount:web:backend", "create", "pods/exec", "web", Scenario.APP_REASON));

        List<Finding> findings = evaluate(requests);

        assertThat(findings)
                .extracting(Finding::grant)
                .doesNotContain("subject:system:serviceaccount:web:backend#PODS_EXEC");
    }
}
