package io.trailtailor.flink.source;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.flink.avro.SharedRowTypeInfo;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.stream.EventTime;
import io.trailtailor.flink.stream.LogRecord;
import io.trailtailor.flink.stream.LogStreams;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Log files as the pipeline's {@link LogStreams}: a {@link LogFileSource} with per-file watermarks at event time,
 * then {@link SplitLogRecords}. The bounded and the continuous variant differ only in the source.
 */
public final class LogFileSources {

    private LogFileSources() {}

    /** The listed files, for {@code analyze}. */
    public static LogStreams bounded(
            StreamExecutionEnvironment env, List<InputFile> files, AnalyzeOptions options, EventTime time) {
        return streams(env, LogFileSource.bounded(files, options.s3()), time, "log-files");
    }

    /** Whatever {@code discovery} finds every {@code interval}, for {@code monitor}. */
    public static LogStreams continuous(
            StreamExecutionEnvironment env,
            FileDiscovery discovery,
            Duration interval,
            AnalyzeOptions options,
            EventTime time) {
        return continuous(env, discovery, interval, options, time, "watched-files");
    }

    /**
     * As {@link #continuous(StreamExecutionEnvironment, FileDiscovery, Duration, AnalyzeOptions, EventTime)}, under a
     * name of its own (kebab-case, it prefixes the operators' uids) for a job with more than one discovery.
     */
    public static LogStreams continuous(
            StreamExecutionEnvironment env,
            FileDiscovery discovery,
            Duration interval,
            AnalyzeOptions options,
            EventTime time,
            String name) {
        return streams(env, LogFileSource.continuous(discovery, interval, options.s3()), time, name);
    }

    /**
     * Each file's records carry their event time, and each file (split) has its own watermark that trails its newest
     * event by the allowed delay; a reader without a file stops holding the watermark back after the idleness.
     */
    static WatermarkStrategy<LogRecord> watermarks(EventTime time) {
        return WatermarkStrategy.<LogRecord>forBoundedOutOfOrderness(time.maxDelay())
                .withTimestampAssigner((r, previous) -> {
                    long t = r.eventTimeMillis();
                    return t == Long.MIN_VALUE ? previous : t;
                })
                .withIdleness(time.idleness());
    }

    static LogStreams streams(StreamExecutionEnvironment env, LogFileSource source, EventTime time, String name) {
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
}
