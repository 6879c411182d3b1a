package io.trailtailor.flink.source.kinesis;

import io.trailtailor.flink.stream.LogRecord;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * CloudWatch Logs subscription records from a Kinesis data stream, as a FLIP-27 source of {@link LogRecord}s (audit
 * events, CloudTrail records, quarantined input): one split per shard, polled with GetRecords, positions in the
 * checkpoints (exactly once up to the pipeline's sinks). Written here because {@code
 * flink-connector-aws-kinesis-streams} is not available to this build; it speaks the same API calls by StreamARN.
 */
public final class KinesisSubscriptionSource
        implements Source<LogRecord, ShardSplit, ShardEnumeratorState>, ResultTypeQueryable<LogRecord> {

    private final String streamArn;
    private final String cluster;
    private final KinesisSettings settings;
    private final Duration discoveryInterval;

    /**
     * @param cluster the cluster of its audit events ({@code --kinesis CLUSTER=ARN}), or null to take it from each
     *     record's log group
     */
    public KinesisSubscriptionSource(
            String streamArn, String cluster, KinesisSettings settings, Duration discoveryInterval) {
        StreamArn.parse(streamArn);
        this.streamArn = streamArn;
        this.cluster = cluster;
        this.settings = settings;
        this.discoveryInterval = discoveryInterval;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<ShardSplit, ShardEnumeratorState> createEnumerator(
            SplitEnumeratorContext<ShardSplit> context) {
        return new ShardEnumerator(context, streamArn, settings, discoveryInterval, null);
    }

    @Override
    public SplitEnumerator<ShardSplit, ShardEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<ShardSplit> context, ShardEnumeratorState state) {
        return new ShardEnumerator(context, streamArn, settings, discoveryInterval, state);
    }

    @Override
    public SimpleVersionedSerializer<ShardSplit> getSplitSerializer() {
        return ShardSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<ShardEnumeratorState> getEnumeratorCheckpointSerializer() {
        return ShardEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<LogRecord, ShardSplit> createReader(SourceReaderContext context) {
        return new ShardSourceReader(context, streamArn, cluster, settings);
    }

    @Override
    public TypeInformation<LogRecord> getProducedType() {
        return TypeInformation.of(LogRecord.class);
    }
}
