package io.trailtailor.flink.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What one run owns under {@code --out}. {@link #inspect} reads the last run's {@link Manifest} and finds the files
 * under the output paths that nobody listed (changing nothing, and refusing when one of them sits where this run may
 * write); {@link #clearPrevious} removes only the files the last run wrote; {@link #commit} writes the new manifest.
 * A file nobody listed stays where it is and is named in {@code summary.json} ({@code output.notOwned}).
 */
public final class OwnedOutputs {

    private final Path out;
    private final List<String> previous;
    private final SortedSet<String> notOwned;

    private OwnedOutputs(Path out, List<String> previous, SortedSet<String> notOwned) {
        this.out = out;
        this.previous = previous;
        this.notOwned = notOwned;
    }

    /**
     * The outputs of the last run and everyone else's files under {@code out}; removes nothing.
     *
     * @throws UnusableOutput when a file nobody listed is at a path this run may write, or an output path is a
     *     symbolic link or of the wrong kind (a file where a directory is written, or the reverse)
     */
    public static OwnedOutputs inspect(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return new OwnedOutputs(out, List.of(), new TreeSet<>());
        }
        Ownership ownership = Ownership.of(Manifest.read(out), scan(out));
        return new OwnedOutputs(out, ownership.owned(), ownership.notOwned());
    }

    /**
     * Who owns which of the files {@code present} under the output paths, by the last run's manifest: the last run's
     * files, and everyone else's (refused when one sits where this run may write). The same rule for a local
     * {@code --out} and an S3 one.
     */
    record Ownership(List<String> owned, SortedSet<String> notOwned) {

        static Ownership of(Optional<Manifest> manifest, SortedSet<String> present) {
            Set<String> owned = new HashSet<>();
            if (manifest.isPresent() && manifest.get().complete()) {
                owned.addAll(manifest.get().files());
                owned.retainAll(present);
            } else if (manifest.isPresent()) {
                // a run that did not finish: everything that was not someone else's when it started is its
                owned.addAll(present);
                manifest.get().notOwned().forEach(owned::remove);
            }
            SortedSet<String> notOwned = new TreeSet<>(present);
            notOwned.removeAll(owned);
            for (String foreign : notOwned) {
                if (OutputLayout.mayWrite(foreign)) {
                    throw new UnusableOutput("--out holds " + foreign + ", which no trailtailor manifest lists and"
                            + " this run may overwrite; move it away or choose another --out");
                }
            }
            return new Ownership(List.copyOf(new TreeSet<>(owned)), notOwned);
        }
    }

    /** Files under the output paths that nobody's manifest lists, sorted; they are left alone. */
    public List<String> notOwned() {
        return List.copyOf(notOwned);
    }

    /**
     * Removes the files the last run wrote and the directories that leaves empty, then marks the run as in progress,
     * so that a run that dies still leaves a manifest saying which files were not its own.
     */
    public void clearPrevious() throws IOException {
        for (String rel : previous) {
            Path file = out.resolve(rel);
            Files.deleteIfExists(file);
            for (Path dir = file.getParent(); dir != null && !dir.equals(out); dir = dir.getParent()) {
                if (!isEmptyDirectory(dir)) {
                    break;
                }
                Files.delete(dir);
            }
        }
        Manifest.inProgress(List.copyOf(notOwned)).write(out);
    }

    /** Writes the manifest of this run: every file under the output paths that was not someone else's. */
    public List<String> commit() throws IOException {
        List<String> written = new ArrayList<>(scan(out));
        written.removeAll(notOwned);
        Manifest.complete(written).write(out);
        return written;
    }

    /** Relative {@code /}-separated paths of every file under the output paths, links never followed. */
    static SortedSet<String> scan(Path out) throws IOException {
        SortedSet<String> files = new TreeSet<>();
        for (String root : OutputLayout.ROOTS) {
            Path p = out.resolve(root);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            if (OutputLayout.WRITTEN_DIRS.contains(root) && !dir) {
                throw new UnusableOutput("--out holds " + root + " that is not a directory (" + kind(p)
                        + "); this run writes a directory there; move it away or choose another --out");
            }
            if (OutputLayout.FIXED_FILES.contains(root) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnusableOutput("--out holds " + root + " that is not a regular file (" + kind(p)
                        + "); this run writes that file; move it away or choose another --out");
            }
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path q : (Iterable<Path>) walk::iterator) {
                    boolean written =
                            OutputLayout.WRITTEN_DIRS.contains(root) || OutputLayout.FIXED_FILES.contains(root);
                    if (written && Files.isSymbolicLink(q)) {
                        throw new UnusableOutput("--out holds a symbolic link at " + relative(out, q)
                                + "; trailtailor does not write through links; remove it or choose another --out");
                    }
                    if (!Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS)) {
                        files.add(relative(out, q));
                    }
                }
            }
        }
        return files;
    }

    private static String relative(Path out, Path p) {
        return out.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    private static String kind(Path p) {
        if (Files.isSymbolicLink(p)) {
            return "a symbolic link";
        }
        return Files.isDirectory(p) ? "a directory" : "a file";
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
