package io.trailtailor.flink.monitor;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A complete checkpoint ({@code <job>/chk-N}) or savepoint ({@code savepoint-*}) under {@code --checkpoints}: a
 * directory whose {@code _metadata} was written, which Flink writes last.
 *
 * @param dir the directory to restore from: a local path or {@code s3://} location ({@link CheckpointLocation})
 * @param id the checkpoint id, or -1 for a savepoint (its id is inside its metadata only)
 * @param completedAt when its {@code _metadata} was written
 */
public record RestorePoint(String dir, long id, Instant completedAt, boolean savepoint) {

    public RestorePoint(Path dir, long id, Instant completedAt, boolean savepoint) {
        this(dir.toString(), id, completedAt, savepoint);
    }

    public String describe() {
        return (savepoint ? "savepoint " : "checkpoint " + id + " ") + dir + " (" + completedAt + ")";
    }
}
