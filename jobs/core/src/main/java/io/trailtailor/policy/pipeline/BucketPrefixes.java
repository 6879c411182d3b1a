package io.trailtailor.policy.pipeline;

import java.util.List;

/**
 * What one source needs on one bucket: the {@code s3:prefix} values its {@code ListObjectsV2} calls send (IAM
 * {@code StringLike} patterns; empty means the whole bucket is listed, so no condition can narrow it) and the
 * object key patterns it reads or writes. {@code segmentPrefixes} are listing prefixes whose {@code *} stands for
 * one key segment (no '/'): IAM's {@code *} spans '/', so they need a {@code StringNotLike} guard of their own.
 */
public record BucketPrefixes(
        String bucket, List<String> listPrefixes, List<String> segmentPrefixes, List<String> objectKeys) {

    public BucketPrefixes {
        listPrefixes = List.copyOf(listPrefixes);
        segmentPrefixes = List.copyOf(segmentPrefixes);
        objectKeys = List.copyOf(objectKeys);
    }

    /** A plain prefix read whole: one listing of the key as given, every object under it. */
    public static BucketPrefixes whole(S3Uri where) {
        return new BucketPrefixes(
                where.bucket(),
                where.key().isEmpty() ? List.of() : List.of(where.key()),
                List.of(),
                List.of(where.key() + "*"));
    }

    /** A directory written by the pipeline: listed as itself and below, every object under it. */
    public static BucketPrefixes written(S3Uri where) {
        String dir = where.directory();
        List<String> list = dir.isEmpty() ? List.of() : List.of(dir.substring(0, dir.length() - 1), dir + "*");
        return new BucketPrefixes(where.bucket(), list, List.of(), List.of(dir + "*"));
    }
}
