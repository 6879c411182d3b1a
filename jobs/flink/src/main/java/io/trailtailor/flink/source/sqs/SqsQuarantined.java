package io.trailtailor.flink.source.sqs;

/**
 * A message that named no readable object, for the caller's quarantine: the queue, the message id and why. The body
 * itself is left out, because nothing bounds what an arbitrary message carries.
 */
public record SqsQuarantined(String queueUrl, String messageId, String reason) {}
