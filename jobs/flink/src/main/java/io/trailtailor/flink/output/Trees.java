package io.trailtailor.flink.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a directory tree the run itself wrote (scratch and work directories under {@code --out}). */
public final class Trees {

    private Trees() {}

    /** Deletes {@code root} and everything under it; nothing when it is not there. */
    public static void delete(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
