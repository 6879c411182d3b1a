package io.trailtailor.flink.source.kinesis;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * How the Kinesis source reaches its stream: the region (from the stream ARN unless given), an endpoint override for
 * a Kinesis-compatible server, and credentials. Without static keys the default AWS chain is used (environment,
 * profile, instance profile, IRSA, Pod Identity); static keys exist for loopback test servers. Serializable, as it
 * travels to the enumerator and every reader; {@link #toString} never shows the secret.
 *
 * @param pollInterval the pause after a round of GetRecords that returned nothing (Kinesis allows 5 calls per
 *     second per shard)
 */
public record KinesisSettings(
        String region, URI endpoint, String accessKeyId, String secretAccessKey, Duration pollInterval, int maxRecords)
        implements Serializable {

    /**
     * Every Kinesis SDK operation this package calls, with the IAM action that authorizes it: {@code self-policy}
     * grants these on the stream ARN ({@code PipelinePolicy.STREAM_ACTIONS}), and {@code SourceActionsTest} fails when
     * the code calls a client method missing here or this lists one the code no longer calls. No enhanced fan-out: no
     * consumer is registered.
     */
    public static final Map<String, String> ACTIONS_CALLED = Map.of(
            "ListShards", "kinesis:ListShards",
            "GetShardIterator", "kinesis:GetShardIterator",
            "GetRecords", "kinesis:GetRecords");

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    public static final int DEFAULT_MAX_RECORDS = 1000;
    public static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofSeconds(10);

    /** The default chain, in the stream's own region. */
    public static KinesisSettings defaults() {
        return new KinesisSettings(null, null, null, null, DEFAULT_POLL_INTERVAL, DEFAULT_MAX_RECORDS);
    }

    /** A Kinesis-compatible server, e.g. on loopback in tests. */
    public KinesisSettings withEndpoint(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
        return new KinesisSettings(region, endpoint, accessKeyId, secretAccessKey, pollInterval, maxRecords);
    }

    public KinesisSettings {
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        maxRecords = maxRecords <= 0 ? DEFAULT_MAX_RECORDS : Math.min(maxRecords, 10_000);
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("an access key id needs its secret key, and the other way round");
        }
    }

    /** A client for {@code streamArn}'s region (or the configured one). The caller closes it. */
    public KinesisClient client(String streamArn) {
        KinesisClientBuilder builder = KinesisClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(30)))
                .region(Region.of(
                        region != null ? region : StreamArn.parse(streamArn).region()))
                .credentialsProvider(credentials());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        return accessKeyId == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    @Override
    public String toString() {
        return "KinesisSettings[region=" + region + ", endpoint=" + endpoint + ", credentials="
                + (accessKeyId == null ? "default chain" : "static") + ", pollInterval=" + pollInterval
                + ", maxRecords=" + maxRecords + "]";
    }
}
