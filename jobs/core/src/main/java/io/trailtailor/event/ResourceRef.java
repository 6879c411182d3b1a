package io.trailtailor.event;

/** One entry of a CloudTrail record's {@code resources[]}. */
public record ResourceRef(String type, String arn, String accountId) {}
