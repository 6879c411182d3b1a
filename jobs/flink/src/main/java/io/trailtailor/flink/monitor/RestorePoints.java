package io.trailtailor.flink.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds what a restart resumes from: the newest complete checkpoint or savepoint under {@code --checkpoints}. Flink
 * lays them out as {@code <dir>/<jobId>/chk-N/_metadata} and {@code <dir>/savepoint-<id>-<random>/_metadata}; a
 * directory without {@code _metadata} (or with an empty one) is a checkpoint that was cut off by a crash and is not a
 * candidate. Newest means the latest {@code _metadata}, then the higher checkpoint id.
 */
public final class RestorePoints {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d{1,19})");
    private static final String METADATA = "_metadata";

    private RestorePoints() {}

    /** The newest complete checkpoint or savepoint under {@code root}, if any. */
    public static Optional<RestorePoint> newest(Path root) {
        List<RestorePoint> all = new ArrayList<>();
        for (Path child : children(root)) {
            String name = child.getFileName().toString();
            if (name.startsWith("savepoint-")) {
                complete(child, -1, true).ifPresent(all::add);
            } else if (CHECKPOINT.matcher(name).matches()) {
                complete(child, id(name), false).ifPresent(all::add);
            } else if (Files.isDirectory(child)) {
                newestCheckpointIn(child).ifPresent(all::add);
            }
        }
        return all.stream().max(ORDER);
    }

    /** The newest complete {@code chk-N} directly in a job's checkpoint directory, if any. */
    public static Optional<RestorePoint> newestCheckpointIn(Path jobDir) {
        List<RestorePoint> found = new ArrayList<>();
        for (Path child : children(jobDir)) {
            Matcher m = CHECKPOINT.matcher(child.getFileName().toString());
            if (m.matches()) {
                complete(child, Long.parseLong(m.group(1)), false).ifPresent(found::add);
            }
        }
        return found.stream().max(ORDER);
    }

    private static final Comparator<RestorePoint> ORDER =
            Comparator.comparing(RestorePoint::completedAt).thenComparingLong(RestorePoint::id);

    private static long id(String name) {
        Matcher m = CHECKPOINT.matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static Optional<RestorePoint> complete(Path dir, long id, boolean savepoint) {
        try {
            BasicFileAttributes metadata = Files.readAttributes(dir.resolve(METADATA), BasicFileAttributes.class);
            if (!metadata.isRegularFile() || metadata.size() == 0) {
                return Optional.empty();
            }
            return Optional.of(
                    new RestorePoint(dir, id, metadata.lastModifiedTime().toInstant(), savepoint));
        } catch (IOException e) {
            // no _metadata: cut off before it completed (or removed while we looked)
            return Optional.empty();
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
    }
}
