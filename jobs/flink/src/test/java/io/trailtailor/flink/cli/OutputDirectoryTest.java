package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@code analyze} may do to {@code --out}, through the command line (runs with nothing to read, no job). */
class OutputDirectoryTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> unusableOutputs() throws Exception {
        Path in = Files.createDirectories(dir.resolve("logs"));
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        String input = in.toString();
        return Stream.of(
                Arguments.of(new String[] {"--cloudtrail", input, "--out", ""}, "--out is empty"),
                Arguments.of(new String[] {"--cloudtrail", input, "--out="}, "--out is empty"),
                Arguments.of(
                        new String[] {"--cloudtrail", input, "--out", file.toString()},
                        "--out is not a directory: " + file),
                Arguments.of(new String[] {"--cloudtrail", input, "--out", input}, "is the input " + input),
                Arguments.of(
                        new String[] {
                            "--k8s-audit",
                            "prod=" + input,
                            "--out",
                            in.resolve("out").toString()
                        },
                        "is inside the input " + input),
                Arguments.of(
                        new String[] {"--cloudtrail", input, "--out", dir.toString()},
                        "the input " + input + " is inside --out " + dir),
                Arguments.of(
                        new String[] {"--cloudtrail", input, "--out", "o", "--from", "2026-11-01garbage"},
                        "--from must be a date YYYY-MM-DD, not 2026-11-01garbage"),
                Arguments.of(
                        new String[] {"--cloudtrail", input, "--out", "o", "--to", "2026-11-07T00:00:00Z"},
                        "--to must be a date YYYY-MM-DD, not 2026-11-07T00:00:00Z"),
                Arguments.of(
                        new String[] {"--cloudtrail", input, "--out", "o", "--from", "+2026-11-01"},
                        "--from must be a date YYYY-MM-DD, not +2026-11-01"),
                Arguments.of(
                        new String[] {"--cloudtrail", input, "--out", "o", "--from", "2026-11-02", "--to", "2026-11-01"
                        },
                        "--to 2026-11-01 is before --from 2026-11-02"));
    }

    @ParameterizedTest
    @MethodSource("unusableOutputs")
    void refusesAnUnusableOutOrDateWithOneLineAndExitCodeTwo(String[] args, String message) {
        String[] analyze = Stream.concat(Stream.of("analyze"), Stream.of(args)).toArray(String[]::new);

        CommandLineTest.Run r = CommandLineTest.run(analyze);

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .startsWith("trailtailor: ")
                .contains(message);
    }

    @Test
    void anInputDirectoryNamedQuarantineInsideOutIsRefusedAndSurvives() throws Exception {
        Path out = Files.createDirectories(dir.resolve("q-out"));
        Path input = Files.createDirectories(out.resolve("quarantine"));
        Files.writeString(input.resolve("trail.json"), "{\"Records\":[]}");

        CommandLineTest.Run r =
                CommandLineTest.run("analyze", "--cloudtrail", input.toString(), "--out", out.toString());

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("is inside --out");
        assertThat(input.resolve("trail.json")).hasContent("{\"Records\":[]}");
    }

    @Test
    void aHandWrittenPolicyAndForeignQuarantineFilesSurviveARunAndAreNamed() throws Exception {
        Path input = Files.createDirectories(dir.resolve("empty-logs"));
        Path out = Files.createDirectories(dir.resolve("kept-out"));
        Files.createDirectories(out.resolve("policies"));
        Files.writeString(out.resolve("policies/mine.tf"), "resource \"x\" {}");
        Files.createDirectories(out.resolve("quarantine"));
        Files.writeString(out.resolve("quarantine/notes.md"), "mine");

        for (int run = 1; run <= 2; run++) {
            CommandLineTest.Run r =
                    CommandLineTest.run("analyze", "--cloudtrail", input.toString(), "--out", out.toString());
            assertThat(r.exit()).as(r.err()).isZero();
        }

        assertThat(out.resolve("policies/mine.tf")).hasContent("resource \"x\" {}");
        assertThat(out.resolve("quarantine/notes.md")).hasContent("mine");
        JsonNode output = new ObjectMapper()
                .readTree(out.resolve("summary.json").toFile())
                .path("output");
        assertThat(output.path("notOwned"))
                .extracting(JsonNode::asText)
                .containsExactly("policies/mine.tf", "quarantine/notes.md");
        assertThat(output.path("notOwnedCount").asInt()).isEqualTo(2);
        JsonNode manifest = new ObjectMapper()
                .readTree(out.resolve(".trailtailor-manifest.json").toFile());
        assertThat(manifest.path("files")).extracting(JsonNode::asText).containsExactly("summary.json");
    }

    @Test
    void refusesToOverwriteASummaryNoManifestLists() throws Exception {
        Path input = Files.createDirectories(dir.resolve("empty-logs-2"));
        Path out = Files.createDirectories(dir.resolve("old-out"));
        Files.writeString(out.resolve("summary.json"), "{}");

        CommandLineTest.Run r =
                CommandLineTest.run("analyze", "--cloudtrail", input.toString(), "--out", out.toString());

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .isEqualTo("trailtailor: --out holds summary.json, which no trailtailor manifest lists and this run"
                        + " may overwrite; move it away or choose another --out");
        assertThat(out.resolve("summary.json")).hasContent("{}");
    }

    @Test
    void demoGeneratesItsInputBesideItsOutput() {
        assertThat(DemoCommand.inputDirectory(Path.of("/w/out/demo"))).isEqualTo(Path.of("/w/out/demo-input"));
    }
}
