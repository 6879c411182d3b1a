package io.trailtailor.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.grants.IamSnapshot;
import io.trailtailor.grants.IamSnapshotReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamSnapshotWriterTest {

    @Test
    void theIamSnapshotParsesWithoutProblemsAndHoldsEveryRoleOfTheWorld(@TempDir Path dir) throws Exception {
        GeneratorOptions o = GeneratorOptions.defaults().withShapes(Shapes.ALL);
        Generator.writeSnapshots(o, dir);

        IamSnapshot snap = IamSnapshotReader.read(dir.resolve("snapshots/iam"));

        assertThat(snap.problems()).isEmpty();
        World w = World.build(o.scenario(), new java.util.SplittableRandom(o.seed()), o.shapes());
        List<String> expected = new ArrayList<>();
        for (Model.Cluster c : w.clusters) {
            c.nodeGroups.forEach(ng -> expected.add(ng.role.arn()));
            for (Model.Workload wl : c.workloads) {
                if (wl.role != null) expected.add(wl.role.arn());
                if (wl.chainRole != null) expected.add(wl.chainRole.arn());
            }
        }
        expected.add(w.samlRole.arn());
        expected.add(w.githubRole.arn());
        w.serviceRoles.forEach(r -> expected.add(r.arn()));
        assertThat(snap.roles().keySet()).containsAll(expected);
        assertThat(snap.roles()).hasSize(expected.size() + 1); // plus the unused break-glass admin
        assertThat(snap.users()).containsKey("arn:aws:iam::" + w.userAccount.id + ":user/" + w.userName);
    }

    @Test
    void theTruthNamesEachDeliberateCaseAndTheCredentialReportHasTheUnusedKey(@TempDir Path dir) throws Exception {
        GeneratorOptions o = GeneratorOptions.defaults();
        Generator.writeSnapshots(o, dir);

        var truth = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("truth/expected-findings.json").toFile());
        List<String> cases = new ArrayList<>();
        truth.path("cases")
                .forEach(c -> cases.add(c.path("rule").asText() + " "
                        + c.path("principalArn").asText().replaceAll(".*/", "")));

        assertThat(cases)
                .contains(
                        "TT-IAM-012 report-builder-irsa",
                        "TT-WID-001 etl-orchestrator-irsa",
                        "TT-IAM-016 ci-deployer",
                        "TT-IAM-011 ml-trainer-role",
                        "TT-IAM-005 deploy-bot");
        assertThat(truth.path("mustNotFire").size()).isEqualTo(12);
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("snapshots/credential-report.csv")))
                .hasSize(2)
                .last()
                .satisfies(
                        l -> assertThat(l).startsWith("deploy-bot,").contains(",true,2026-08-01T00:00:00+00:00,N/A,"));
    }
}
