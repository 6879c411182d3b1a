package io.trailtailor.flink.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of a local source: the file itself, or every regular file under a directory. Symbolic links are followed
 * (a source that is a link to a directory too), loops and second paths to a file already found are detected, and
 * everything not read is reported with its reason, never passed over in silence: hidden files and directories (names
 * starting with '.': {@code .aws/}, {@code .env}, {@code .git/} are not logs and may hold credentials) unless asked
 * for, dangling links, FIFOs, sockets and devices, and what cannot be read.
 */
final class LocalTree {

    static final String HIDDEN_FILE = "hidden file (--include-hidden reads it)";
    static final String HIDDEN_DIRECTORY = "hidden directory, not searched (--include-hidden reads it)";
    static final String DANGLING_LINK = "dangling symbolic link";
    static final String LINK_LOOP = "symbolic link loop";
    static final String NOT_A_FILE = "not a regular file (FIFO, socket or device)";
    static final String SEEN_BEFORE = "the same file as another path already listed";

    /** What a walk found: regular files to read and paths set aside with their reason. */
    record Found(List<Path> files, List<InputLister.Skipped> skipped) {}

    private LocalTree() {}

    /**
     * @param named the source as the command line named it, for messages
     * @throws InputLister.InputUnavailable when the source itself is missing, unreadable, or neither a file nor a
     *     directory
     */
    static Found walk(Path root, String named, boolean includeHidden) {
        if (!Files.exists(root)) {
            throw new InputLister.InputUnavailable(
                    Files.isSymbolicLink(root)
                            ? "input is a dangling symbolic link: " + named
                            : "input not found: " + named);
        }
        if (!Files.isReadable(root)) {
            throw new InputLister.InputUnavailable("input not readable: " + named);
        }
        if (Files.isRegularFile(root)) {
            return new Found(List.of(root), List.of());
        }
        if (!Files.isDirectory(root)) {
            throw new InputLister.InputUnavailable(
                    "input is neither a file nor a directory (a FIFO, socket or device): " + named);
        }
        Visitor visitor = new Visitor(root, includeHidden);
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, visitor);
        } catch (IOException | UncheckedIOException e) {
            throw new InputLister.InputUnavailable("cannot list " + named + ": " + e.getMessage());
        }
        return visitor.found();
    }

    static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static final class Visitor extends SimpleFileVisitor<Path> {

        private final Path root;
        private final boolean includeHidden;
        private final List<Path> files = new ArrayList<>();
        private final List<InputLister.Skipped> skipped = new ArrayList<>();

        Visitor(Path root, boolean includeHidden) {
            this.root = root;
            this.includeHidden = includeHidden;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && !includeHidden && isHidden(dir)) {
                skip(dir, HIDDEN_DIRECTORY);
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isSymbolicLink()) {
                // with links followed, the walker hands over a link's own attributes only when its target is gone
                skip(file, DANGLING_LINK);
            } else if (!attrs.isRegularFile()) {
                skip(file, NOT_A_FILE);
            } else if (!includeHidden && isHidden(file)) {
                skip(file, HIDDEN_FILE);
            } else {
                files.add(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
                skip(file, LINK_LOOP);
            } else if (e instanceof AccessDeniedException) {
                skip(file, "not readable: access denied");
            } else {
                skip(file, "not readable: " + e.getClass().getSimpleName());
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
                skip(dir, "directory not fully listed: " + e.getClass().getSimpleName());
            }
            return FileVisitResult.CONTINUE;
        }

        /**
         * The files found, each once: where links lead to one file by several paths, the path that is no link wins,
         * else the first in order, so that the listing does not depend on the order the directory lists in.
         */
        Found found() {
            List<Path> ordered = new ArrayList<>(files);
            ordered.sort(
                    Comparator.comparing((Path p) -> Files.isSymbolicLink(p)).thenComparing(Path::toString));
            Set<Path> seen = new HashSet<>();
            List<Path> distinct = new ArrayList<>();
            for (Path p : ordered) {
                if (seen.add(realPath(p))) {
                    distinct.add(p);
                } else {
                    skip(p, SEEN_BEFORE);
                }
            }
            distinct.sort(null);
            return new Found(List.copyOf(distinct), List.copyOf(skipped));
        }

        private void skip(Path p, String reason) {
            skipped.add(new InputLister.Skipped(p.toString(), reason));
        }

        private static Path realPath(Path p) {
            try {
                return p.toRealPath();
            } catch (IOException e) {
                return p;
            }
        }
    }
}
