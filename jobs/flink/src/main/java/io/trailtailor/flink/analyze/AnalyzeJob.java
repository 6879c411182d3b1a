package io.trailtailor.flink.analyze;

import io.trailtailor.flink.identity.AttributionStage;
import io.trailtailor.flink.identity.IdentityConfig;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.policy.PolicyStage;
import io.trailtailor.identity.ClusterSnapshots;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code analyze} topology: files → records (+ quarantine) → one copy per event id → Parquet tables. Built on
 * any environment, so the same graph runs embedded, on a MiniCluster in tests, and on a real cluster.
 */
public final class AnalyzeJob {

    private AnalyzeJob() {}

    /** The streams a later stage builds on. */
    public record Streams(
            DataStream<io.trailtailor.avro.ApiCall> apiCalls, DataStream<io.trailtailor.avro.AuditEvent> auditEvents) {}

    public static Streams build(StreamExecutionEnvironment env, List<InputFile> files, AnalyzeOptions options) {
        // largest files first, so round-robin hands every reader a similar amount of work
        List<InputFile> ordered = files.stream()
                .sorted(Comparator.comparingLong((InputFile f) -> -f.size).thenComparing(f -> f.uri))
                .toList();
        TypeInformation<InputFile> fileType = TypeInformation.of(InputFile.class);
        TypeInformation<io.trailtailor.avro.ApiCall> callType = TypeInformation.of(io.trailtailor.avro.ApiCall.class);
        TypeInformation<io.trailtailor.avro.AuditEvent> eventType =
                TypeInformation.of(io.trailtailor.avro.AuditEvent.class);

        SingleOutputStreamOperator<io.trailtailor.avro.ApiCall> read = env.fromData(
                        fileType, ordered.toArray(InputFile[]::new))
                .name("input files")
                .uid("input-files")
                .rebalance()
                .process(new ReadLogFiles(options.s3()), callType)
                .name("read log files")
                .uid("read-log-files");

        DataStream<io.trailtailor.avro.ApiCall> apiCalls = read.keyBy(
                        io.trailtailor.avro.ApiCall::getEventId, Types.STRING)
                .process(
                        new KeepOneDelivery<>(
                                callType, io.trailtailor.avro.ApiCall::getSourceFile, Counters.API_CALL_DUPLICATES),
                        callType)
                .name("one copy per eventID")
                .uid("dedup-api-calls")
                .map(new CountKept.ApiCalls(), callType)
                .name("count api calls")
                .uid("count-api-calls");

        DataStream<io.trailtailor.avro.AuditEvent> auditEvents = read.getSideOutput(ReadLogFiles.AUDIT_EVENTS)
                .keyBy(AnalyzeJob::auditKey, Types.STRING)
                .process(
                        new KeepOneDelivery<>(
                                eventType, io.trailtailor.avro.AuditEvent::getSourceFile, Counters.AUDIT_DUPLICATES),
                        eventType)
                .name("one copy per auditID and stage")
                .uid("dedup-audit-events")
                .map(new CountKept.AuditEvents(), eventType)
                .name("count audit events")
                .uid("count-audit-events");

        String out = options.out();
        apiCalls.sinkTo(io.trailtailor.flink.sink.Sinks.parquet(
                        out + "/parquet/api_calls",
                        io.trailtailor.avro.ApiCall.class,
                        io.trailtailor.avro.ApiCall::getEventTime))
                .name("parquet api_calls")
                .uid("sink-api-calls");
        auditEvents
                .sinkTo(io.trailtailor.flink.sink.Sinks.parquet(
                        out + "/parquet/audit_events",
                        io.trailtailor.avro.AuditEvent.class,
                        io.trailtailor.avro.AuditEvent::getRequestReceivedTimestamp))
                .name("parquet audit_events")
                .uid("sink-audit-events");
        read.getSideOutput(ReadLogFiles.QUARANTINED)
                .map(QuarantineJson::toJson, Types.STRING)
                .name("quarantine as JSON")
                .uid("quarantine-json")
                .sinkTo(io.trailtailor.flink.sink.Sinks.jsonLines(out + "/quarantine"))
                .name("quarantine")
                .uid("sink-quarantine");
        Streams streams = new Streams(apiCalls, auditEvents);

        AttributionStage.Outputs attribution = AttributionStage.build(streams, options, identityConfig(options));
        PolicyStage.Outputs policies = PolicyStage.build(attribution.calls(), auditEvents, options);
        io.trailtailor.flink.findings.FactsStage.build(policies.usage(), attribution.calls(), auditEvents, out);
        attribution
                .workloads()
                .union(policies.workloadParts()
                        .map(part -> Tuple2.of(WorkloadsFile.keyOf(part), part), KEYED_JSON)
                        .name("policy parts by workload")
                        .uid("policy-parts-by-workload"))
                .keyBy(t -> t.f0, Types.STRING)
                .reduce((a, b) -> Tuple2.of(a.f0, WorkloadsFile.merge(a.f1, b.f1)))
                .name("workloads")
                .uid("workloads")
                .map(t -> t.f1, Types.STRING)
                .name("workload JSON")
                .uid("workload-json")
                .sinkTo(io.trailtailor.flink.sink.Sinks.jsonLines(out + "/" + WorkloadsFile.WORK_DIR))
                .name("workload parts")
                .uid("sink-workload-parts");
        return streams;
    }

    private static final TypeInformation<Tuple2<String, String>> KEYED_JSON = Types.TUPLE(Types.STRING, Types.STRING);

    /** The clusters the operator named on the command line and in snapshots (read here, on the client). */
    static IdentityConfig identityConfig(AnalyzeOptions options) {
        List<String> snapshots =
                ClusterSnapshots.read(options.clusterSnapshots()).describeClusters();
        return new IdentityConfig(options.clusterOidcIssuers(), snapshots, options.clockSkewMillis());
    }

    /** An audit ID repeats across stages (RequestReceived, ResponseComplete): the stage is part of the identity. */
    static String auditKey(io.trailtailor.avro.AuditEvent e) {
        return e.getStage() == null ? e.getAuditId() : e.getAuditId() + "/" + e.getStage();
    }
}
