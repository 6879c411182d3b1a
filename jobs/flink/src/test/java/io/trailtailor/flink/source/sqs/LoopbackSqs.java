package io.trailtailor.flink.source.sqs;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real SQS API (ElasticMQ, JSON protocol) on 127.0.0.1 inside the test JVM, for tests that read notifications
 * with the AWS SDK exactly as from AWS. The port is chosen first so that the queue URLs it hands out are right.
 */
public final class LoopbackSqs implements AutoCloseable {

    private static final String ACCESS_KEY = "AKIDLOOPBACKSQS";
    private static final String SECRET_KEY = "loopback-sqs-secret";

    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;

    public LoopbackSqs() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .start();
        server.waitUntilStarted();
        client = settings("http://127.0.0.1:" + port + "/000000000000/none", Duration.ofSeconds(1))
                .client();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A new standard queue; returns its URL. */
    public String createQueue(String name) {
        return client.createQueue(b -> b.queueName(name)).queueUrl();
    }

    /** How a discovery reaches {@code queueUrl}: a short wait and {@code visibility} so redeliveries come quickly. */
    public SqsSettings settings(String queueUrl, Duration visibility) {
        return new SqsSettings(
                queueUrl,
                "us-east-1",
                endpoint(),
                ACCESS_KEY,
                SECRET_KEY,
                Duration.ofSeconds(1),
                10,
                10,
                visibility,
                Duration.ofSeconds(10));
    }

    public String send(String queueUrl, String body) {
        return client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    /** Bodies of the messages visible within {@code within} (received with a long visibility, so each once). */
    public List<String> receiveBodies(String queueUrl, Duration within) {
        List<String> bodies = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> got = client.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .visibilityTimeout(600))
                    .messages();
            got.forEach(m -> bodies.add(m.body()));
        }
        return bodies;
    }

    /** Messages in the queue, visible or in flight (not yet deleted). */
    public int undeleted(String queueUrl) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
