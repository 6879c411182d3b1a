package io.trailtailor.findings.escalation.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.findings.escalation.EscalationPath;
import io.trailtailor.findings.escalation.EscalationPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscalationPathsRefreshTest {

    @TempDir
    Path checkout;

    private void write(String rel, String text) throws IOException {
        Path f = checkout.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private void fixture() throws IOException {
        write("LICENSE", "                                 Apache License\n Version 2.0\n");
        write("NOTICE", "Datadog pathfinding.cloud\nCopyright 2025-Present Datadog, Inc.\n");
        write("data/paths/iam/iam-001.yaml", """
                id: iam-001
                name: iam:CreatePolicyVersion
                category: self-escalation
                permissions:
                  required:
                  - permission: iam:CreatePolicyVersion
                    resourceConstraints: Policy must be attached to the actor
                  additional:
                  - permission: iam:ListPolicies
                """);
        write("data/paths/ec2/ec2-001.yaml", """
                id: ec2-001
                name: iam:PassRole + ec2:RunInstances
                category: new-passrole
                permissions:
                  required:
                  - permission: iam:PassRole
                  - permission: ec2:RunInstances
                """);
    }

    @Test
    void convertsRequiredPermissionsSortedByIdWithProvenance() throws IOException {
        fixture();

        EscalationPathsRefresh.Result r = EscalationPathsRefresh.generate(checkout, "abc123", "2025-12-17");
        List<EscalationPath> paths = EscalationPaths.parse(new ObjectMapper().readTree(r.json()));

        assertThat(r.count()).isEqualTo(2);
        assertThat(paths).extracting(EscalationPath::id).containsExactly("ec2-001", "iam-001");
        assertThat(paths.get(0).actions()).containsExactly("iam:PassRole", "ec2:RunInstances");
        assertThat(paths.get(1).actions()).containsExactly("iam:CreatePolicyVersion");
        assertThat(paths.get(1).resourceConstraints())
                .isEqualTo(Map.of("iam:CreatePolicyVersion", "Policy must be attached to the actor"));
        assertThat(paths.get(1).url()).isEqualTo("https://pathfinding.cloud/paths/iam-001");
        assertThat(r.properties())
                .contains("sourceCommit=abc123", "license=Apache-2.0", "paths=2", "Copyright 2025-Present Datadog");
    }

    @Test
    void aRerunIsByteIdentical() throws IOException {
        fixture();

        assertThat(EscalationPathsRefresh.generate(checkout, "c", "d"))
                .isEqualTo(EscalationPathsRefresh.generate(checkout, "c", "d"));
    }

    @Test
    void aPathWithoutRequiredPermissionsFailsTheRefresh() throws IOException {
        fixture();
        write("data/paths/sts/sts-001.yaml", "id: sts-001\nname: x\n");

        assertThatThrownBy(() -> EscalationPathsRefresh.generate(checkout, "c", "d"))
                .hasMessageContaining("no id or no permissions.required");
    }
}
