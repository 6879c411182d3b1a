package io.trailtailor.flink.source.sqs;

/**
 * One S3 object a notification names, its key already URL-decoded. CloudTrail's own notifications carry neither size
 * nor ETag, so {@code size} is -1 and {@code eTag} null when the message did not say.
 */
public record NotifiedObject(String bucket, String key, long size, String eTag) {

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /** What a redelivery of the same object version repeats: the URI and, when known, the ETag. */
    public String dedupKey() {
        return eTag == null || eTag.isEmpty() ? uri() : uri() + "#" + eTag;
    }
}
