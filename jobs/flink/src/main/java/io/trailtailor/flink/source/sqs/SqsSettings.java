package io.trailtailor.flink.source.sqs;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Which queue {@code monitor --sqs} reads and how. Credentials come from the default chain; an endpoint override and
 * static keys exist only for SQS-compatible servers in tests and are never shown ({@link #toString}).
 *
 * @param waitTime how long one receive long-polls for a first message (0 to 20 s). The source polls under its
 *     checkpoint lock, so this is kept short: it delays a checkpoint by at most this much.
 * @param maxMessages messages one receive asks for (1 to 10).
 * @param maxReceives receives one poll makes at most: a poll returns after {@code maxReceives × maxMessages}
 *     messages even when more are waiting (a bounded batch; the next poll takes the rest).
 * @param visibilityTimeout how long a received message stays hidden: it must exceed the checkpoint interval plus a
 *     restart, or a message is redelivered (harmlessly: the dedup window drops the repeat) before its checkpoint.
 * @param timeout bounds connecting, each read and each call.
 */
public record SqsSettings(
        String queueUrl,
        String region,
        String endpoint,
        String testAccessKey,
        String testSecretKey,
        Duration waitTime,
        int maxMessages,
        int maxReceives,
        Duration visibilityTimeout,
        Duration timeout)
        implements Serializable {

    /**
     * Every SQS SDK operation this package calls, with the IAM action that authorizes it (a batch call is authorized
     * as its single-message action): {@code self-policy} grants these on the queue ARN ({@code
     * PipelinePolicy.QUEUE_ACTIONS}), and {@code SourceActionsTest} fails when the code calls a client method missing
     * here or this lists one the code no longer calls.
     */
    public static final Map<String, String> ACTIONS_CALLED = Map.of(
            "ReceiveMessage", "sqs:ReceiveMessage",
            "DeleteMessageBatch", "sqs:DeleteMessage");

    public SqsSettings {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("no SQS queue URL");
        }
        waitTime = waitTime == null ? Duration.ofSeconds(1) : waitTime;
        visibilityTimeout = visibilityTimeout == null ? Duration.ofMinutes(10) : visibilityTimeout;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        if (waitTime.isNegative() || waitTime.toSeconds() > 20) {
            throw new IllegalArgumentException("the SQS wait time must be 0 to 20 seconds, not " + waitTime);
        }
        if (maxMessages < 1 || maxMessages > 10) {
            throw new IllegalArgumentException("an SQS receive takes 1 to 10 messages, not " + maxMessages);
        }
        if (maxReceives < 1) {
            throw new IllegalArgumentException("a poll must make at least one receive, not " + maxReceives);
        }
        if (visibilityTimeout.toSeconds() < 1 || visibilityTimeout.toSeconds() > 43_200) {
            throw new IllegalArgumentException("the visibility timeout must be 1 s to 12 h, not " + visibilityTimeout);
        }
        if (timeout.compareTo(waitTime) <= 0) {
            throw new IllegalArgumentException("the SQS timeout must exceed the wait time");
        }
    }

    /** The queue with defaults fit for production: 1 s long poll, 10 × 10 messages a poll, 10 min visibility. */
    public static SqsSettings of(String queueUrl, String region) {
        return new SqsSettings(queueUrl, region, null, null, null, null, 10, 10, null, null);
    }

    public SqsClient client() {
        var builder = SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeout)
                        .socketTimeout(timeout))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(timeout).apiCallTimeout(timeout))
                .region(region != null ? Region.of(region) : Region.US_EAST_1);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        builder.credentialsProvider(
                testAccessKey != null
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(testAccessKey, testSecretKey))
                        : DefaultCredentialsProvider.builder().build());
        return builder.build();
    }

    /** What may be shown of these settings (never the keys). */
    @Override
    public String toString() {
        return "SqsSettings[queueUrl=" + queueUrl + ", region=" + region + ", endpoint=" + endpoint + ", waitTime="
                + waitTime + ", maxMessages=" + maxMessages + ", maxReceives=" + maxReceives + ", visibilityTimeout="
                + visibilityTimeout + "]";
    }
}
