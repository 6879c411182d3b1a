package io.trailtailor.flink.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnedOutputsTest {

    @TempDir
    Path out;

    private void write(String rel) throws Exception {
        Path p = out.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, rel);
    }

    /** What a run does around its job: inspect, clear, write {@code files}, commit. */
    private List<String> run(String... files) throws Exception {
        OwnedOutputs outputs = OwnedOutputs.inspect(out);
        outputs.clearPrevious();
        for (String f : files) {
            write(f);
        }
        outputs.commit();
        return outputs.notOwned();
    }

    @Test
    void aSecondRunRemovesOnlyTheFirstRunsFilesAndTheDirectoriesItEmptied() throws Exception {
        run(
                "summary.json",
                "policies/roles/111122223333/app.json",
                "parquet/api_calls/dt=2026-11-01/part-a-0-0.parquet",
                "quarantine/part-b-0-0.jsonl");
        write("policies/mine.tf");
        write("quarantine/README.md");

        List<String> notOwned = run("summary.json", "policies/roles/111122223333/other.json");

        assertThat(notOwned).containsExactly("policies/mine.tf", "quarantine/README.md");
        assertThat(out.resolve("policies/mine.tf")).hasContent("policies/mine.tf");
        assertThat(out.resolve("quarantine/README.md")).exists();
        assertThat(out.resolve("policies/roles/111122223333/app.json")).doesNotExist();
        assertThat(out.resolve("parquet")).doesNotExist();
        assertThat(out.resolve("quarantine/part-b-0-0.jsonl")).doesNotExist();
        assertThat(manifest().path("files"))
                .extracting(JsonNode::asText)
                .containsExactly("policies/roles/111122223333/other.json", "summary.json");
        assertThat(manifest().path("complete").asBoolean()).isTrue();
    }

    @Test
    void leavesEverythingAloneWhenNoManifestListsIt() throws Exception {
        write("policies/mine.tf");
        write("parquet/mine/data.parquet");
        write("notes.txt");

        assertThat(run("summary.json")).containsExactly("parquet/mine/data.parquet", "policies/mine.tf");
        assertThat(out.resolve("notes.txt")).exists();
        assertThat(out.resolve("parquet/mine/data.parquet")).exists();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "summary.json",
                "workloads.json",
                "unmapped-events.json",
                ".work/workloads/part-0",
                "policies/roles/111122223333/app.tf",
                "policies/roles/111122223333/app.part2.json",
                "policies/workloads/prod/shop/checkout.cfn.json",
                "rbac/prod/sa.shop.checkout.yaml"
            })
    void refusesUpFrontWhenAFileNobodyListedIsWhereThisRunMayWrite(String foreign) throws Exception {
        write(foreign);

        assertThatThrownBy(() -> OwnedOutputs.inspect(out))
                .isInstanceOf(UnusableOutput.class)
                .hasMessage("--out holds " + foreign + ", which no trailtailor manifest lists and this run may"
                        + " overwrite; move it away or choose another --out");
        assertThat(out.resolve(foreign)).hasContent(foreign);
    }

    @ParameterizedTest
    @ValueSource(strings = {"policies/README.md", "policies/roles/notes.txt", "rbac/prod/custom-admin.yaml"})
    void keepsForeignFilesOfShapesThisRunNeverWrites(String foreign) throws Exception {
        write(foreign);

        assertThat(run("summary.json")).containsExactly(foreign);
        assertThat(out.resolve(foreign)).exists();
    }

    @Test
    void aRunThatDiedStillOwnsWhatItWroteButNotWhatWasThereBefore() throws Exception {
        write("policies/mine.tf");
        OwnedOutputs crashed = OwnedOutputs.inspect(out);
        crashed.clearPrevious();
        write("parquet/api_calls/dt=2026-11-01/.part-a-0-0.parquet.inprogress.1");
        write("policies/roles/111122223333/app.json");
        assertThat(manifest().path("complete").asBoolean()).isFalse();

        assertThat(run("summary.json")).containsExactly("policies/mine.tf");
        assertThat(out.resolve("policies/roles")).doesNotExist();
        assertThat(out.resolve("parquet")).doesNotExist();
    }

    @Test
    void refusesALinkWhereItWrites() throws Exception {
        Path elsewhere = Files.createDirectories(out.resolveSibling(out.getFileName() + "-elsewhere"));
        Files.createSymbolicLink(out.resolve("policies"), elsewhere);

        assertThatThrownBy(() -> OwnedOutputs.inspect(out))
                .isInstanceOf(UnusableOutput.class)
                .hasMessageContaining("policies that is not a directory (a symbolic link)");
    }

    @Test
    void refusesAFileWhereItWritesADirectory() throws Exception {
        Files.writeString(out.resolve("parquet"), "mine");

        assertThatThrownBy(() -> OwnedOutputs.inspect(out))
                .hasMessageContaining("--out holds parquet that is not a directory (a file)");
    }

    @Test
    void neverRemovesOutsideTheOutputPathsWhateverTheManifestSays() throws Exception {
        write("summary.json");
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(
                out.resolve(OutputLayout.MANIFEST),
                "{\"tool\":\"trailtailor\",\"complete\":true,\"files\":[\"summary.json\",\"notes.txt\",\"../x\"]}");

        run("summary.json");

        assertThat(out.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void refusesAManifestSomeoneElseWrote() throws Exception {
        Files.writeString(out.resolve(OutputLayout.MANIFEST), "{\"tool\":\"other\"}");

        assertThatThrownBy(() -> OwnedOutputs.inspect(out)).isInstanceOf(UnusableOutput.class);
    }

    @Test
    void writesTheManifestAsideThenRenamesIt() throws Exception {
        run("summary.json");

        List<String> names = new ArrayList<>();
        try (var s = Files.list(out)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertThat(names).containsExactlyInAnyOrder("summary.json", OutputLayout.MANIFEST);
        assertThat(manifest().path("tool").asText()).isEqualTo("trailtailor");
        assertThat(manifest().path("writtenAt").asText()).isNotEmpty();
    }

    private JsonNode manifest() throws Exception {
        return new ObjectMapper().readTree(out.resolve(OutputLayout.MANIFEST).toFile());
    }
}
