package io.trailtailor.flink.source.kinesis;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard of the stream, and where reading it goes on: after {@code sequenceNumber}, or from the oldest record
 * the stream still holds ({@code TRIM_HORIZON}) when none was read yet. The position is checkpointed with the split,
 * so a restore neither skips nor repeats a Kinesis record.
 */
public record ShardSplit(String streamArn, String shardId, String sequenceNumber) implements SourceSplit {

    @Override
    public String splitId() {
        return shardId;
    }
}
