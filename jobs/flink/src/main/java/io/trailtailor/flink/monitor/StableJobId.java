package io.trailtailor.flink.monitor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.flink.api.common.JobID;

/**
 * The job id of {@code monitor} derived from its {@code --checkpoints} directory, so that every start with the same
 * directory writes {@code <dir>/<jobId>/chk-N} into the same place: one job directory per monitored estate, with
 * checkpoint ids that keep counting across restarts instead of one new random directory per start.
 */
public final class StableJobId {

    private StableJobId() {}

    public static JobID of(Path checkpoints) {
        return ofKey(checkpoints.toAbsolutePath().normalize().toString());
    }

    /** For a local path or an {@code s3://} location; a local one gives the same id as {@link #of(Path)}. */
    public static JobID of(String checkpoints) {
        if (!CheckpointLocation.isS3(checkpoints)) {
            return of(Path.of(checkpoints));
        }
        // s3://b/p and s3://b/p/ are the same prefix
        return ofKey(checkpoints.replaceAll("/+$", ""));
    }

    private static JobID ofKey(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.wrap(hash);
            return new JobID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
