package io.trailtailor.flink.source.kinesis;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.flink.avro.SharedRowTypeInfo;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.source.SplitLogRecords;
import io.trailtailor.flink.stream.EventTime;
import io.trailtailor.flink.stream.LogRecord;
import io.trailtailor.flink.stream.LogStreams;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code monitor --kinesis [CLUSTER=]STREAM_ARN} as the pipeline's {@link LogStreams}: a {@link
 * KinesisSubscriptionSource} with per-shard watermarks at event time, then the same {@link SplitLogRecords} as the
 * file sources.
 */
public final class KinesisLogSource {

    private KinesisLogSource() {}

    /**
     * The stream with the default AWS credential chain, in its own region. {@code options} is taken for the day it
     * carries Kinesis settings of its own ({@code --kinesis-endpoint}); nothing in it is read yet.
     */
    public static LogStreams build(
            StreamExecutionEnvironment env, String streamArn, String cluster, AnalyzeOptions options, EventTime time) {
        return build(env, streamArn, cluster, time, KinesisSettings.defaults());
    }

    /** The stream reached as {@code settings} say (an endpoint override and static keys for a loopback server). */
    public static LogStreams build(
            StreamExecutionEnvironment env,
            String streamArn,
            String cluster,
            EventTime time,
            KinesisSettings settings) {
        String name = "kinesis-"
                + StreamArn.parse(streamArn)
                        .name()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-");
        return build(env, streamArn, cluster, time, settings, name);
    }

    /**
     * As {@link #build(StreamExecutionEnvironment, String, String, EventTime, KinesisSettings)}, under a name of its
     * own (kebab-case, it prefixes the operators' uids) for a job with more than one stream or other sources.
     */
    public static LogStreams build(
            StreamExecutionEnvironment env,
            String streamArn,
            String cluster,
            EventTime time,
            KinesisSettings settings,
            String name) {
        KinesisSubscriptionSource source =
                new KinesisSubscriptionSource(streamArn, cluster, settings, KinesisSettings.DEFAULT_DISCOVERY_INTERVAL);
        SingleOutputStreamOperator<ApiCallRow> split = env.fromSource(
                        source, watermarks(time), name, TypeInformation.of(LogRecord.class))
                .uid(name + "-source")
                .process(new SplitLogRecords(), new SharedRowTypeInfo<>(ApiCallRow.class))
                .name("split " + name)
                .uid(name + "-split");
        return new LogStreams(
                split,
                split.getSideOutput(SplitLogRecords.AUDIT_EVENTS),
                split.getSideOutput(SplitLogRecords.QUARANTINED));
    }

    /**
     * Each shard's watermark trails its newest event by the allowed delay; quarantined input has no event time and
     * moves no watermark. A reader without a shard (more subtasks than shards) stops holding it back after the
     * idleness.
     */
    static WatermarkStrategy<LogRecord> watermarks(EventTime time) {
        return WatermarkStrategy.<LogRecord>forBoundedOutOfOrderness(time.maxDelay())
                .withTimestampAssigner((r, previous) -> r.eventTimeMillis())
                .withIdleness(time.idleness());
    }
}
