package io.trailtailor.flink.source.kinesis;

import java.util.List;
import java.util.Set;

/**
 * What the enumerator checkpoints: the shards it has handed out (never handed out twice: their positions live in
 * the readers' state) and the splits not yet assigned. Bounded by the stream's shard count over its retention.
 */
public record ShardEnumeratorState(Set<String> assignedShards, List<ShardSplit> unassigned) {}
