package io.trailtailor.flink.source.kinesis;

/**
 * One {@code --kinesis [CLUSTER=]STREAM_ARN}: the stream, and the cluster its audit events belong to (null: each
 * record's log group {@code /aws/eks/<name>/cluster} names it).
 */
public record KinesisInput(String cluster, StreamArn stream) {

    /** @throws IllegalArgumentException when the text is not {@code [CLUSTER=]arn:aws:kinesis:…:stream/NAME} */
    public static KinesisInput parse(String text) {
        int eq = text == null || text.startsWith("arn:") ? -1 : text.indexOf('=');
        String cluster = eq < 0 ? null : text.substring(0, eq);
        if (cluster != null && cluster.isBlank()) {
            throw new IllegalArgumentException("an empty cluster name before '=': " + text);
        }
        return new KinesisInput(cluster, StreamArn.parse(eq < 0 ? text : text.substring(eq + 1)));
    }
}
