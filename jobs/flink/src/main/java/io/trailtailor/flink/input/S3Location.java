package io.trailtailor.flink.input;

/** An {@code s3://bucket/key-or-prefix} URI taken apart. */
public record S3Location(String bucket, String key) {

    public static S3Location parse(String uri) {
        if (!uri.startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3:// URI: " + uri);
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in " + uri);
        }
        return new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
