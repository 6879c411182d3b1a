package io.trailtailor.flink.source.kinesis;

import io.trailtailor.flink.stream.LogRecord;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/**
 * A source subtask: polls the shards the enumerator pushed to it on one fetcher thread and emits their records with
 * per-shard outputs (per-shard watermarks); the split state is each shard's last fully emitted sequence number.
 */
final class ShardSourceReader
        extends SingleThreadMultiplexSourceReaderBase<KinesisRecord, LogRecord, ShardSplit, ShardSplitState> {

    ShardSourceReader(SourceReaderContext context, String streamArn, String cluster, KinesisSettings settings) {
        super(
                () -> new ShardSplitReader(settings),
                new SubscriptionRecordEmitter(streamArn, cluster, context.metricGroup()),
                new Configuration(),
                context);
    }

    @Override
    protected void onSplitFinished(Map<String, ShardSplitState> finished) {
        // a closed shard is done; its children come from the enumerator's next listing
    }

    @Override
    protected ShardSplitState initializedState(ShardSplit split) {
        return new ShardSplitState(split);
    }

    @Override
    protected ShardSplit toSplitType(String splitId, ShardSplitState state) {
        return state.toSplit();
    }
}
