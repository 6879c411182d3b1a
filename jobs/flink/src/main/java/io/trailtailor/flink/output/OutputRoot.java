package io.trailtailor.flink.output;

import io.trailtailor.flink.input.S3Location;
import io.trailtailor.flink.options.AnalyzeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * {@code --out} of a long-running job as the task managers and the client both reach it: a local directory, or
 * {@code s3://bucket/prefix} as {@code s3a://bucket/prefix} (Flink's Hadoop S3 file system, which the FileSink needs
 * for exactly-once Parquet). Small files the client refreshes ({@code status.json}) replace the old one whole: by a
 * rename on a local disk, and on S3 because an object exists only once its upload has completed.
 */
public final class OutputRoot {

    private final String uri;
    private final boolean s3;

    private OutputRoot(String uri, boolean s3) {
        this.uri = uri;
        this.s3 = s3;
    }

    /**
     * The checked {@code --out} of {@code options}: a local one against its inputs (and created), an S3 one for a
     * bucket.
     *
     * @throws UnusableOutput naming the first problem
     */
    public static OutputRoot of(AnalyzeOptions options) throws IOException {
        if (OutputLocation.isS3(options.out())) {
            S3Location root = OutputLocation.checkS3(options.out());
            String key = root.key() == null ? "" : root.key().replaceAll("/+$", "");
            return new OutputRoot("s3a://" + root.bucket() + (key.isEmpty() ? "" : "/" + key), true);
        }
        java.nio.file.Path dir = OutputLocation.check(options);
        Files.createDirectories(dir);
        return new OutputRoot(dir.toString(), false);
    }

    /** What the sinks write under: the local path, or the {@code s3a://} URI. */
    public String uri() {
        return uri;
    }

    public boolean isS3() {
        return s3;
    }

    /** The local directory; only for a local {@code --out}. */
    public java.nio.file.Path local() {
        if (s3) {
            throw new IllegalStateException(uri + " is not a local directory");
        }
        return java.nio.file.Path.of(uri);
    }

    /** Replaces {@code name} under the root with {@code bytes} in one step; returns where it is. */
    public String replace(String name, byte[] bytes) throws IOException {
        if (!s3) {
            java.nio.file.Path target = local().resolve(name);
            java.nio.file.Path aside = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.createDirectories(target.getParent());
            Files.write(aside, bytes);
            try {
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target.toString();
        }
        Path target = new Path(uri + "/" + name);
        try (OutputStream out = target.getFileSystem().create(target, FileSystem.WriteMode.OVERWRITE)) {
            out.write(bytes);
        }
        return target.toString();
    }

    /**
     * Runs {@code step}, which assembles files from the work parts under {@link OutputLayout#WORK}, on a local
     * directory: for S3 the parts are copied into a scratch directory, the step runs there, and what it wrote is
     * uploaded in place of the parts it consumed. Each upload is a whole object: readers see old or new, never half.
     */
    public void finishLocally(LocalStep step) throws IOException {
        if (!s3) {
            step.run(local());
            return;
        }
        java.nio.file.Path scratch = Files.createTempDirectory("trailtailor-finish");
        try {
            finishIn(scratch, step);
        } finally {
            Trees.delete(scratch);
        }
    }

    private void finishIn(java.nio.file.Path scratch, LocalStep step) throws IOException {
        List<Part> parts = new ArrayList<>();
        Path work = new Path(uri + "/" + OutputLayout.WORK);
        FileSystem fs = work.getFileSystem();
        if (fs.exists(work)) {
            download(fs, work, OutputLayout.WORK, scratch, parts);
        }
        step.run(scratch);
        try (Stream<java.nio.file.Path> walk = Files.walk(scratch)) {
            for (java.nio.file.Path f : walk.filter(Files::isRegularFile).toList()) {
                String rel = scratch.relativize(f).toString().replace('\\', '/');
                if (rel.equals(OutputLayout.WORK) || rel.startsWith(OutputLayout.WORK + "/")) {
                    continue; // parts the step did not consume stay where they are
                }
                replace(rel, Files.readAllBytes(f));
            }
        }
        for (Part part : parts) {
            if (!Files.exists(scratch.resolve(part.relative()))) {
                part.remote().getFileSystem().delete(part.remote(), false); // consumed, as the step deletes it locally
            }
        }
    }

    /** A step that works on a local output directory. */
    @FunctionalInterface
    public interface LocalStep {
        void run(java.nio.file.Path out) throws IOException;
    }

    /** A work part on S3 and its path relative to the root. */
    private record Part(Path remote, String relative) {}

    private static void download(FileSystem fs, Path dir, String rel, java.nio.file.Path scratch, List<Part> parts)
            throws IOException {
        FileStatus[] listed = fs.listStatus(dir);
        if (listed == null) {
            return;
        }
        for (FileStatus s : listed) {
            String child = rel + "/" + s.getPath().getName();
            if (s.isDir()) {
                download(fs, s.getPath(), child, scratch, parts);
                continue;
            }
            java.nio.file.Path target = scratch.resolve(child);
            Files.createDirectories(target.getParent());
            try (InputStream in = fs.open(s.getPath())) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            parts.add(new Part(s.getPath(), child));
        }
    }

    @Override
    public String toString() {
        return uri;
    }
}
