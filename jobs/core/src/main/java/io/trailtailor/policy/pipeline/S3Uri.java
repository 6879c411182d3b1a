package io.trailtailor.policy.pipeline;

/** An {@code s3://bucket/key} location split into bucket and key (the key may be empty). */
public record S3Uri(String bucket, String key) {

    public static boolean isS3(String location) {
        return location.startsWith("s3://");
    }

    /** @throws IllegalArgumentException when the text is not {@code s3://bucket[/key]} */
    public static S3Uri parse(String location) {
        if (!isS3(location)) {
            throw new IllegalArgumentException("not an s3:// location: " + location);
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in " + location);
        }
        return new S3Uri(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    /** The bucket's ARN, the resource of {@code s3:ListBucket}. */
    public String bucketArn() {
        return "arn:aws:s3:::" + bucket;
    }

    /** The ARN of objects whose key matches {@code keyPattern} (IAM wildcards). */
    public String objectArn(String keyPattern) {
        return "arn:aws:s3:::" + bucket + "/" + keyPattern;
    }

    /** The key as a directory: empty, or ending with '/'. */
    public String directory() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }
}
