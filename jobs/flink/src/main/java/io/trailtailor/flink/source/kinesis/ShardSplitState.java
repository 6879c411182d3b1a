package io.trailtailor.flink.source.kinesis;

/** A shard being read: the sequence number of the last Kinesis record whose contents were all emitted. */
final class ShardSplitState {

    private final ShardSplit split;
    private String sequenceNumber;

    ShardSplitState(ShardSplit split) {
        this.split = split;
        this.sequenceNumber = split.sequenceNumber();
    }

    void emitted(String sequenceNumber) {
        this.sequenceNumber = sequenceNumber;
    }

    ShardSplit toSplit() {
        return new ShardSplit(split.streamArn(), split.shardId(), sequenceNumber);
    }
}
