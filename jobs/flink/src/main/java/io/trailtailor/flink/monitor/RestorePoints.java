package io.trailtailor.flink.monitor;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * Finds what a restart resumes from: the newest complete checkpoint or savepoint under {@code --checkpoints}. Flink
 * lays them out as {@code <dir>/<jobId>/chk-N/_metadata} and {@code <dir>/savepoint-<id>-<random>/_metadata}; a
 * directory without {@code _metadata} (or with an empty one) is a checkpoint that was cut off by a crash and is not a
 * candidate. Newest means the latest {@code _metadata}, then the higher checkpoint id. Listed through Flink's file
 * systems, so a local directory and an {@code s3://} prefix (the S3 plugin, initialised first) are read alike.
 */
public final class RestorePoints {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d{1,19})");
    private static final String METADATA = "_metadata";

    private RestorePoints() {}

    /** The newest complete checkpoint or savepoint under the local directory {@code root}, if any. */
    public static Optional<RestorePoint> newest(Path root) {
        return newest(root.toString());
    }

    /** The newest complete checkpoint or savepoint under {@code root} (a local path or s3:// location), if any. */
    public static Optional<RestorePoint> newest(String root) {
        List<RestorePoint> all = new ArrayList<>();
        for (String name : childDirectories(root)) {
            String child = CheckpointLocation.child(root, name);
            if (name.startsWith("savepoint-")) {
                complete(child, -1, true).ifPresent(all::add);
            } else if (CHECKPOINT.matcher(name).matches()) {
                complete(child, id(name), false).ifPresent(all::add);
            } else {
                newestCheckpointIn(child).ifPresent(all::add);
            }
        }
        return all.stream().max(ORDER);
    }

    /** The newest complete {@code chk-N} directly in a local job checkpoint directory, if any. */
    public static Optional<RestorePoint> newestCheckpointIn(Path jobDir) {
        return newestCheckpointIn(jobDir.toString());
    }

    /** The newest complete {@code chk-N} directly in a job's checkpoint directory, if any. */
    public static Optional<RestorePoint> newestCheckpointIn(String jobDir) {
        List<RestorePoint> found = new ArrayList<>();
        for (String name : childDirectories(jobDir)) {
            Matcher m = CHECKPOINT.matcher(name);
            if (m.matches()) {
                complete(CheckpointLocation.child(jobDir, name), Long.parseLong(m.group(1)), false)
                        .ifPresent(found::add);
            }
        }
        return found.stream().max(ORDER);
    }

    /** The savepoint Flink just wrote into {@code dir}, once its {@code _metadata} is there. */
    public static Optional<RestorePoint> savepointAt(String dir) {
        return complete(dir, -1, true);
    }

    private static final Comparator<RestorePoint> ORDER =
            Comparator.comparing(RestorePoint::completedAt).thenComparingLong(RestorePoint::id);

    private static long id(String name) {
        Matcher m = CHECKPOINT.matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static Optional<RestorePoint> complete(String dir, long id, boolean savepoint) {
        org.apache.flink.core.fs.Path metadataPath =
                new org.apache.flink.core.fs.Path(CheckpointLocation.child(dir, METADATA));
        try {
            FileStatus metadata = metadataPath.getFileSystem().getFileStatus(metadataPath);
            if (metadata.isDir() || metadata.getLen() == 0) {
                return Optional.empty();
            }
            return Optional.of(
                    new RestorePoint(dir, id, Instant.ofEpochMilli(metadata.getModificationTime()), savepoint));
        } catch (IOException e) {
            // no _metadata: cut off before it completed (or removed while we looked)
            return Optional.empty();
        }
    }

    private static List<String> childDirectories(String dir) {
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(dir);
        try {
            FileSystem fs = path.getFileSystem();
            FileStatus[] list = fs.exists(path) ? fs.listStatus(path) : null;
            if (list == null) {
                return List.of();
            }
            return Arrays.stream(list)
                    .filter(FileStatus::isDir)
                    .map(s -> s.getPath().getName())
                    .sorted()
                    .toList();
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
    }
}
