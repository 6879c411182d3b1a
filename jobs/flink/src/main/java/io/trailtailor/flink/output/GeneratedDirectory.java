package io.trailtailor.flink.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A directory a command fills entirely, such as {@code demo}'s generated input: before it is filled again, the files
 * its {@link Manifest} lists are removed, and if anything else is left the command refuses rather than mix old and
 * new or delete what it did not write.
 */
public final class GeneratedDirectory {

    private GeneratedDirectory() {}

    /**
     * Empties {@code dir} of what the last fill wrote.
     *
     * @throws UnusableOutput when {@code dir} is not a directory or holds anything no manifest lists
     */
    public static void clear(Path dir, String what) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnusableOutput(what + " " + dir + " is not a directory; move it away");
        }
        Optional<Manifest> manifest = Manifest.read(dir);
        SortedSet<String> present = files(dir);
        if (manifest.isPresent() && manifest.get().complete()) {
            for (String rel : manifest.get().files()) {
                if (present.remove(rel)) {
                    Files.delete(dir.resolve(rel));
                }
            }
        }
        if (!present.isEmpty()) {
            throw new UnusableOutput(what + " " + dir + " holds " + present.first()
                    + (present.size() > 1 ? " and " + (present.size() - 1) + " more files" : "")
                    + " it did not write; move them away");
        }
        pruneEmptyDirectories(dir);
    }

    /** Writes the manifest of every file now under {@code dir}. */
    public static void record(Path dir) throws IOException {
        Manifest.complete(new ArrayList<>(files(dir))).write(dir);
    }

    private static SortedSet<String> files(Path dir) throws IOException {
        SortedSet<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel =
                        dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && !rel.equals(OutputLayout.MANIFEST)
                        && !rel.equals(OutputLayout.MANIFEST + ".tmp")) {
                    files.add(rel);
                }
            }
        }
        return files;
    }

    private static void pruneEmptyDirectories(Path dir) throws IOException {
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(dir)) {
            dirs = walk.filter(p -> !p.equals(dir) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .toList();
        }
        for (Path d : dirs) {
            try (Stream<Path> entries = Files.list(d)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(d);
                }
            }
        }
    }
}
