package io.trailtailor.flink.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one temporary directory this process owns, removed when the JVM exits. The embedded engine's temporary files
 * go here: Flink unpacks its 22 MB RPC system ({@code flink-rpc-akka*.jar}) into the first of {@code io.tmp.dirs},
 * and puts blob storage, spill files and web uploads beside it. Flink deletes the jar only when its RPC system is
 * closed, which the embedded cluster's shutdown can miss at exit; everything here goes then anyway.
 */
final class ScratchDirectory {

    private static Path dir;

    private ScratchDirectory() {}

    /** The directory, created under {@code java.io.tmpdir} on first use. */
    static synchronized Path get() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("trailtailor-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
            Path owned = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(owned), "trailtailor-scratch-cleanup"));
        }
        return dir;
    }

    /** Removes {@code root} and everything in it, tolerating files that others remove at the same time. */
    static void delete(Path root) {
        for (int attempt = 0; attempt < 3 && Files.exists(root); attempt++) {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.sorted(Comparator.reverseOrder()).toList();
            } catch (IOException | UncheckedIOException e) {
                continue; // something vanished mid-walk: walk again
            }
            for (Path p : paths) {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException gone) {
                    // removed by Flink's own shutdown in the meantime
                } catch (IOException e) {
                    // a directory refilled while we walked: the next attempt takes it
                }
            }
        }
    }
}
