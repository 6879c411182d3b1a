package io.trailtailor.flink.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLocationTest {

    @TempDir
    Path dir;

    Path input;

    @BeforeEach
    void layOut() throws Exception {
        input = Files.createDirectories(dir.resolve("logs/cloudtrail"));
    }

    @Test
    void acceptsADirectoryBesideTheInputsAndReturnsItAbsolute() {
        assertThat(OutputLocation.check(dir.resolve("out/../out2").toString(), List.of(input.toString())))
                .isEqualTo(dir.resolve("out2"));
    }

    @Test
    void refusesAnEmptyOut() {
        assertThatThrownBy(() -> OutputLocation.check("", List.of()))
                .isInstanceOf(UnusableOutput.class)
                .hasMessage("--out is empty; name the directory to write the outputs into");
        assertThatThrownBy(() -> OutputLocation.check(" ", List.of())).isInstanceOf(UnusableOutput.class);
    }

    @Test
    void refusesARegularFile() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> OutputLocation.check(file.toString(), List.of(input.toString())))
                .isInstanceOf(UnusableOutput.class)
                .hasMessage("--out is not a directory: " + file);
    }

    @Test
    void refusesTheInputItself() {
        assertThatThrownBy(() -> OutputLocation.check(input.toString(), List.of(input.toString())))
                .hasMessageContaining("is the input " + input);
    }

    @Test
    void refusesADirectoryInsideAnInputEvenOneNotCreatedYet() {
        assertThatThrownBy(() -> OutputLocation.check(input.resolve("new/out").toString(), List.of(input.toString())))
                .hasMessageContaining("is inside the input " + input);
    }

    @Test
    void refusesADirectoryThatHoldsAnInput() {
        assertThatThrownBy(() -> OutputLocation.check(dir.resolve("logs").toString(), List.of(input.toString())))
                .hasMessageStartingWith("the input " + input + " is inside --out");
    }

    @Test
    void seesThroughASymbolicLinkToAnInput() throws Exception {
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), input);

        assertThatThrownBy(() -> OutputLocation.check(alias.resolve("out").toString(), List.of(input.toString())))
                .hasMessageContaining("is inside the input");
    }

    @Test
    void comparesAuditSourcesWithoutTheirClusterAndIgnoresS3() {
        List<String> inputs = OutputLocation.localInputs(
                List.of("s3://bucket/prefix"),
                List.of("prod=" + input, "s3://b/eks/"),
                List.of(),
                List.of("prod=" + dir.resolve("snap.json")));

        assertThat(inputs)
                .containsExactly(input.toString(), dir.resolve("snap.json").toString());
        assertThatThrownBy(() -> OutputLocation.check(input.resolve("o").toString(), inputs))
                .isInstanceOf(UnusableOutput.class);
    }

    @Test
    void similarNamesAreNotNested() {
        assertThat(OutputLocation.check(dir.resolve("logs/cloudtrail-out").toString(), List.of(input.toString())))
                .isEqualTo(dir.resolve("logs/cloudtrail-out"));
    }
}
