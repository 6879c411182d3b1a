package io.trailtailor.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison against {@code src/test/resources/fixtures/...}. Run with {@code -DupdateGolden=true} to
 * (re)write the files; a missing golden file is written and the test fails, so it is reviewed before committing.
 */
public final class Golden {
    private Golden() {}

    public static void assertMatches(String relative, String actual) {
        Path file = Path.of("src/test/resources/fixtures").resolve(relative);
        try {
            if (Boolean.getBoolean("updateGolden") || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                if (!Boolean.getBoolean("updateGolden")) {
                    throw new AssertionError("golden file written, review and re-run: " + file);
                }
                return;
            }
            assertThat(actual).as("golden %s", relative).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
