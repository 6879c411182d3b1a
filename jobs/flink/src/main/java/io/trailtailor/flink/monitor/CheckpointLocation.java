package io.trailtailor.flink.monitor;

import java.nio.file.Path;

/**
 * {@code --checkpoints} as a location string: an absolute local directory ({@code /var/lib/tt/cp}) or
 * {@code s3://bucket/prefix}. Both are read through Flink's {@link org.apache.flink.core.fs.FileSystem}, so a local
 * directory and an S3 prefix are listed the same way; children keep the form of their parent, so a local restore
 * point is still named by its plain path.
 */
public final class CheckpointLocation {

    private CheckpointLocation() {}

    public static boolean isS3(String location) {
        return location.startsWith("s3://");
    }

    /** {@code name} under {@code parent}, in the same form ({@code /a/b/name} or {@code s3://bucket/b/name}). */
    public static String child(String parent, String name) {
        return new org.apache.flink.core.fs.Path(parent, name).toString();
    }

    /** The URI Flink's options take: {@code file:///a/b/} for a local directory, an S3 location as it is. */
    public static String uri(String location) {
        return isS3(location) ? location : Path.of(location).toUri().toString();
    }
}
