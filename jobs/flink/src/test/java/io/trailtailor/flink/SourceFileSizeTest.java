package io.trailtailor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A size guard for every module's main sources. A file past {@link #MAX_LINES} lines is doing more than one job: a
 * newcomer cannot find their room in it, and its tests cannot be told apart. Split it along its sections (the way
 * the generator's simulation became a scheduler, pod lifecycle, principals, call mix, mints and writers) before
 * adding more.
 */
class SourceFileSizeTest {

    static final int MAX_LINES = 600;

    /** The repository root: this module is {@code jobs/flink}, run by Maven from its own directory. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

    @Test
    void noMainSourceFileIsLongerThanSixHundredLines() throws IOException {
        List<Path> roots;
        try (Stream<Path> modules = Files.list(ROOT.resolve("jobs"))) {
            roots = modules.map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .toList();
        }
        assertThat(roots).as("main source roots under %s", ROOT.resolve("jobs")).hasSizeGreaterThanOrEqualTo(2);
        List<String> tooLong = roots.stream()
                .flatMap(SourceFileSizeTest::javaFiles)
                .filter(f -> lines(f) > MAX_LINES)
                .map(f -> ROOT.relativize(f) + " (" + lines(f) + " lines)")
                .sorted()
                .toList();
        assertThat(tooLong)
                .as(
                        "main source files over %d lines: split each along its own sections into classes named for"
                                + " what they are, so each has one job and its own tests",
                        MAX_LINES)
                .isEmpty();
    }

    private static Stream<Path> javaFiles(Path root) {
        try {
            return Files.walk(root).filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
