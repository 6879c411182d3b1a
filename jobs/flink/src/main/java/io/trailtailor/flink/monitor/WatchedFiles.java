package io.trailtailor.flink.monitor;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.source.ReadLogFiles;
import io.trailtailor.flink.stream.EventTime;
import io.trailtailor.flink.stream.LogStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * STOPGAP until helper "source" lands {@code source.LogFileSources.continuous} (layout-aware discovery with bounded
 * state, S3 and SQS): local files and directories watched with Flink's own {@link FileSource} in continuous mode,
 * which skips names starting with '.' or '_' (files still being written under a temporary name) but remembers every
 * path it ever handed out in its checkpoint. Each file is read whole by {@link ReadLogFiles}, as {@code analyze}
 * reads it, and the records are stamped with their event time.
 */
public final class WatchedFiles {

    private WatchedFiles() {}

    public static LogStreams read(
            StreamExecutionEnvironment env, AnalyzeOptions options, Duration discoveryInterval, EventTime time) {
        List<DataStream<InputFile>> files = new ArrayList<>();
        for (int i = 0; i < options.cloudTrail().size(); i++) {
            files.add(watch(env, options.cloudTrail().get(i), InputFile.Kind.CLOUDTRAIL, null, discoveryInterval, i));
        }
        for (int i = 0; i < options.k8sAudit().size(); i++) {
            InputLister.Source audit =
                    InputLister.Source.audit(options.k8sAudit().get(i));
            files.add(watch(env, audit.location(), InputFile.Kind.AUDIT, audit.cluster(), discoveryInterval, i));
        }
        DataStream<InputFile> all = files.get(0);
        for (DataStream<InputFile> more : files.subList(1, files.size())) {
            all = all.union(more);
        }
        SingleOutputStreamOperator<ApiCallRow> read = all.rebalance()
                .process(new ReadLogFiles(options.s3()), TypeInformation.of(ApiCallRow.class))
                .name("read log files")
                .uid("read-log-files");
        return new LogStreams(
                read.assignTimestampsAndWatermarks(time.forCalls())
                        .name("calls at event time")
                        .uid("calls-event-time"),
                read.getSideOutput(ReadLogFiles.AUDIT_EVENTS)
                        .assignTimestampsAndWatermarks(time.forAuditEvents())
                        .name("audit events at event time")
                        .uid("audit-event-time"),
                read.getSideOutput(ReadLogFiles.QUARANTINED));
    }

    private static DataStream<InputFile> watch(
            StreamExecutionEnvironment env,
            String source,
            InputFile.Kind kind,
            String cluster,
            Duration every,
            int index) {
        String what = kind == InputFile.Kind.CLOUDTRAIL ? "cloudtrail" : "audit";
        FileSource<InputFile> files = FileSource.forBulkFileFormat(
                        new WholeFileFormat(kind, cluster),
                        new org.apache.flink.core.fs.Path(
                                Path.of(source).toAbsolutePath().normalize().toUri()))
                .monitorContinuously(every)
                .build();
        return env.fromSource(files, WatermarkStrategy.noWatermarks(), "watch " + what + " " + index)
                .uid("watch-" + what + "-" + index);
    }
}
