package io.trailtailor.flink.source.kinesis;

/**
 * One Kinesis record as the split reader fetched it, before it is read: its shard, sequence number, arrival time and
 * data (a gzip'd CloudWatch Logs subscription payload). Stays inside the source reader; never crosses an exchange.
 */
record KinesisRecord(String shardId, String sequenceNumber, long arrivalMillis, byte[] data) {}
