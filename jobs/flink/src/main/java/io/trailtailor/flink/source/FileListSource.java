package io.trailtailor.flink.source;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.stream.EventTime;
import io.trailtailor.flink.stream.LogStreams;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A listed set of files as the pipeline's input: each file read whole by {@link ReadLogFiles}, records stamped with
 * their event time. The listing is part of the job graph, so this serves bounded runs only.
 */
public final class FileListSource {

    private FileListSource() {}

    public static LogStreams read(
            StreamExecutionEnvironment env, List<InputFile> files, AnalyzeOptions options, EventTime time) {
        // largest files first, so round-robin hands every reader a similar amount of work
        List<InputFile> ordered = files.stream()
                .sorted(Comparator.comparingLong((InputFile f) -> -f.size).thenComparing(f -> f.uri))
                .toList();
        SingleOutputStreamOperator<ApiCallRow> read = env.fromData(
                        TypeInformation.of(InputFile.class), ordered.toArray(InputFile[]::new))
                .name("input files")
                .uid("input-files")
                .rebalance()
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

    static TypeInformation<AuditEventRow> auditType() {
        return TypeInformation.of(AuditEventRow.class);
    }
}
