package io.trailtailor.flink.pipeline;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.flink.avro.SharedRowTypeInfo;
import io.trailtailor.flink.event.CountKept;
import io.trailtailor.flink.event.KeepOneDelivery;
import io.trailtailor.flink.event.QuarantineJson;
import io.trailtailor.flink.identity.AttributionStage;
import io.trailtailor.flink.identity.IdentityConfig;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.WorkloadsFile;
import io.trailtailor.flink.policy.PolicyStage;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.flink.stream.EventTime;
import io.trailtailor.flink.stream.LogStreams;
import io.trailtailor.flink.stream.PerKeySnapshot;
import io.trailtailor.identity.ClusterSnapshots;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The one topology of {@code analyze} and {@code monitor}: records (+ quarantine) → one copy per event id → Parquet
 * tables → attribution → usage, policies and RBAC → the facts of the findings. Its sources are a parameter (a listed
 * set of files, a continuously discovered one, a Kinesis stream); the runtime mode (BATCH or STREAMING) is the
 * environment's. Built on any environment, so the same graph runs embedded, on a MiniCluster in tests, and on a
 * real cluster.
 */
public final class TrailPipeline {

    private TrailPipeline() {}

    /** What later steps and other stages build on: the kept records and the stages' outputs. */
    public record Outputs(
            DataStream<ApiCallRow> apiCalls,
            DataStream<AuditEventRow> auditEvents,
            AttributionStage.Outputs attribution,
            PolicyStage.Outputs policies) {}

    public static Outputs build(LogStreams in, AnalyzeOptions options, EventTime time) {
        TypeInformation<ApiCallRow> callType = new SharedRowTypeInfo<>(ApiCallRow.class);
        TypeInformation<AuditEventRow> eventType = new SharedRowTypeInfo<>(AuditEventRow.class);

        String out = options.out();
        var callDedup = new KeepOneDelivery<>(
                callType, ApiCallRow::getSourceFile, Counters.API_CALL_DUPLICATES, time.maxDelayMillis());
        SingleOutputStreamOperator<ApiCallRow> keptCalls = in.apiCalls()
                .keyBy(ApiCallRow::getEventId, Types.STRING)
                .process(callDedup, callType)
                .name("one copy per eventID")
                .uid("dedup-api-calls");
        DataStream<ApiCallRow> apiCalls = keptCalls
                .map(new CountKept.ApiCalls(), callType)
                .name("count api calls")
                .uid("count-api-calls");

        var eventDedup = new KeepOneDelivery<>(
                eventType, AuditEventRow::getSourceFile, Counters.AUDIT_DUPLICATES, time.maxDelayMillis());
        SingleOutputStreamOperator<AuditEventRow> keptEvents = in.auditEvents()
                .keyBy(TrailPipeline::auditKey, Types.STRING)
                .process(eventDedup, eventType)
                .name("one copy per auditID and stage")
                .uid("dedup-audit-events");
        DataStream<AuditEventRow> auditEvents = keptEvents
                .map(new CountKept.AuditEvents(), eventType)
                .name("count audit events")
                .uid("count-audit-events");

        // Records that arrive after their dedup horizon (STREAMING only): kept apart, counted, never dropped.
        keptCalls
                .getSideOutput(callDedup.late())
                .sinkTo(io.trailtailor.flink.sink.Sinks.parquet(
                        out + "/parquet/late/api_calls", ApiCallRow.class, ApiCallRow::getEventTime))
                .name("parquet late api_calls")
                .uid("sink-late-api-calls");
        keptEvents
                .getSideOutput(eventDedup.late())
                .sinkTo(io.trailtailor.flink.sink.Sinks.parquet(
                        out + "/parquet/late/audit_events",
                        AuditEventRow.class,
                        AuditEventRow::getRequestReceivedTimestamp))
                .name("parquet late audit_events")
                .uid("sink-late-audit-events");

        apiCalls.sinkTo(io.trailtailor.flink.sink.Sinks.parquet(
                        out + "/parquet/api_calls", ApiCallRow.class, ApiCallRow::getEventTime))
                .name("parquet api_calls")
                .uid("sink-api-calls");
        auditEvents
                .sinkTo(io.trailtailor.flink.sink.Sinks.parquet(
                        out + "/parquet/audit_events", AuditEventRow.class, AuditEventRow::getRequestReceivedTimestamp))
                .name("parquet audit_events")
                .uid("sink-audit-events");
        in.quarantined()
                .map(QuarantineJson::toJson, Types.STRING)
                .name("quarantine as JSON")
                .uid("quarantine-json")
                .sinkTo(io.trailtailor.flink.sink.Sinks.jsonLines(out + "/quarantine"))
                .name("quarantine")
                .uid("sink-quarantine");
        AttributionStage.Outputs attribution =
                AttributionStage.build(apiCalls, auditEvents, options, identityConfig(options, time));
        PolicyStage.Outputs policies = PolicyStage.build(attribution.calls(), auditEvents, options);
        io.trailtailor.flink.findings.FactsStage.build(policies.usage(), attribution.calls(), auditEvents, out);
        attribution
                .workloads()
                .union(policies.workloadParts()
                        .map(part -> Tuple2.of(WorkloadsFile.keyOf(part), part), KEYED_JSON)
                        .name("policy parts by workload")
                        .uid("policy-parts-by-workload"))
                .keyBy(t -> t.f0, Types.STRING)
                .process(
                        new PerKeySnapshot<String, Tuple2<String, String>>(KEYED_JSON, TrailPipeline::mergeParts),
                        KEYED_JSON)
                .name("workloads")
                .uid("workloads")
                .map(t -> t.f1, Types.STRING)
                .name("workload JSON")
                .uid("workload-json")
                .sinkTo(io.trailtailor.flink.sink.Sinks.jsonLines(out + "/" + WorkloadsFile.WORK_DIR))
                .name("workload parts")
                .uid("sink-workload-parts");
        return new Outputs(apiCalls, auditEvents, attribution, policies);
    }

    private static final TypeInformation<Tuple2<String, String>> KEYED_JSON = Types.TUPLE(Types.STRING, Types.STRING);

    /** The clusters the operator named on the command line and in snapshots (read here, on the client). */
    static IdentityConfig identityConfig(AnalyzeOptions options, EventTime time) {
        List<String> snapshots =
                ClusterSnapshots.read(options.clusterSnapshots()).describeClusters();
        return new IdentityConfig(
                options.clusterOidcIssuers(), snapshots, options.clockSkewMillis(), time.maxDelayMillis());
    }

    private static Tuple2<String, String> mergeParts(Tuple2<String, String> a, Tuple2<String, String> b) {
        try {
            return Tuple2.of(a.f0, WorkloadsFile.merge(a.f1, b.f1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // both parts were written by this job: never malformed
        }
    }

    /** An audit ID repeats across stages (RequestReceived, ResponseComplete): the stage is part of the identity. */
    static String auditKey(AuditEventRow e) {
        return e.getStage() == null ? e.getAuditId() : e.getAuditId() + "/" + e.getStage();
    }
}
