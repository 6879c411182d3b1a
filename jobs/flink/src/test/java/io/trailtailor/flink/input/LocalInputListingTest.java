package io.trailtailor.flink.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.trailtailor.event.KeyFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInputListingTest {

    @TempDir
    Path dir;

    Path tree;

    @BeforeEach
    void layOutATree() throws IOException {
        tree = dir.resolve("tree");
        write(tree.resolve("a/trail.json"));
        write(tree.resolve(".aws/credentials"));
        write(tree.resolve(".git/config"));
        write(tree.resolve("a/.env"));
        write(dir.resolve("elsewhere/b/other.json"));
    }

    @Test
    void skipsAndCountsHiddenFilesAndDirectoriesUnlessAskedFor() {
        InputLister.Listing listing = list(tree, false);

        assertThat(uris(listing)).containsExactly(tree.resolve("a/trail.json").toString());
        assertThat(listing.skipped())
                .containsExactlyInAnyOrder(
                        new InputLister.Skipped(tree.resolve(".aws").toString(), LocalTree.HIDDEN_DIRECTORY),
                        new InputLister.Skipped(tree.resolve(".git").toString(), LocalTree.HIDDEN_DIRECTORY),
                        new InputLister.Skipped(tree.resolve("a/.env").toString(), LocalTree.HIDDEN_FILE));

        assertThat(uris(list(tree, true)))
                .containsExactly(
                        tree.resolve(".aws/credentials").toString(),
                        tree.resolve(".git/config").toString(),
                        tree.resolve("a/.env").toString(),
                        tree.resolve("a/trail.json").toString());
    }

    @Test
    void followsLinksToDirectoriesAndCountsLoopsAndDanglingLinks() throws IOException {
        Files.createSymbolicLink(tree.resolve("linked"), dir.resolve("elsewhere"));
        Files.createSymbolicLink(tree.resolve("a/loop"), tree);
        Files.createSymbolicLink(tree.resolve("a/gone.json"), dir.resolve("no-such-file"));
        Files.createSymbolicLink(tree.resolve("a/again.json"), tree.resolve("a/trail.json"));

        InputLister.Listing listing = list(tree, false);

        assertThat(uris(listing))
                .containsExactly(
                        tree.resolve("a/trail.json").toString(),
                        tree.resolve("linked/b/other.json").toString());
        assertThat(listing.skipped())
                .extracting(InputLister.Skipped::reason)
                .contains(LocalTree.LINK_LOOP, LocalTree.DANGLING_LINK);
        assertThat(listing.skipped())
                .contains(new InputLister.Skipped(tree.resolve("a/again.json").toString(), LocalTree.SEEN_BEFORE));
    }

    @Test
    void readsASourceThatIsALinkToADirectory() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link-to-elsewhere"), dir.resolve("elsewhere"));

        assertThat(uris(list(link, false)))
                .containsExactly(link.resolve("b/other.json").toString());
    }

    @Test
    void countsAFifoInATreeAndRefusesOneAsASource() throws Exception {
        Path fifo = tree.resolve("a/pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor()).as("mkfifo available").isZero();

        assertThat(list(tree, false).skipped())
                .contains(new InputLister.Skipped(fifo.toString(), LocalTree.NOT_A_FILE));
        assertThatThrownBy(() -> list(fifo, false))
                .isInstanceOf(InputLister.InputUnavailable.class)
                .hasMessage("input is neither a file nor a directory (a FIFO, socket or device): " + fifo);
    }

    @Test
    void refusesAnEmptySourceAndADanglingLinkAsASource() throws IOException {
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing"));

        assertThatThrownBy(() -> new InputLister(KeyFilter.ALL, S3Settings.defaults())
                        .list(List.of(InputLister.Source.cloudTrail(""))))
                .isInstanceOf(InputLister.InputUnavailable.class)
                .hasMessage("empty input path");
        assertThatThrownBy(() -> list(dangling, false))
                .isInstanceOf(InputLister.InputUnavailable.class)
                .hasMessage("input is a dangling symbolic link: " + dangling);
    }

    private static InputLister.Listing list(Path source, boolean includeHidden) {
        return new InputLister(KeyFilter.ALL, S3Settings.defaults(), includeHidden)
                .list(List.of(InputLister.Source.cloudTrail(source.toString())));
    }

    private static List<String> uris(InputLister.Listing listing) {
        return listing.files().stream().map(f -> f.uri).toList();
    }

    private static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}");
    }
}
