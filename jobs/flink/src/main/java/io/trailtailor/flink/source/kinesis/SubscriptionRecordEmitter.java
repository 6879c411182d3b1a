package io.trailtailor.flink.source.kinesis;

import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.CloudWatchSubscriptionRecord;
import io.trailtailor.event.Quarantined;
import io.trailtailor.event.RecordSink;
import io.trailtailor.event.SubscriptionReport;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.stream.FileCounts;
import io.trailtailor.flink.stream.LogRecord;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Turns one Kinesis record into the {@link LogRecord}s it holds (a thin adapter: {@link CloudWatchSubscriptionRecord}
 * decides), then moves the shard's position past it. Emitting and moving happen in one call, between two
 * checkpoints' barriers, so a restore never repeats or loses part of a record. Records carry no timestamp here: the
 * source's timestamp assigner takes each one's event time, and quarantined input has none. Each record's figures
 * follow its contents, so the job's counters ({@code status.json}, the progress line) include the stream.
 */
final class SubscriptionRecordEmitter implements RecordEmitter<KinesisRecord, LogRecord, ShardSplitState> {

    private final String streamArn;
    private final String cluster;
    private final Counter records;
    private final Counter controlMessages;
    private final Counter rejectedRecords;

    SubscriptionRecordEmitter(String streamArn, String cluster, MetricGroup metrics) {
        this.streamArn = streamArn;
        this.cluster = cluster;
        this.records = metrics.counter("kinesisRecords");
        this.controlMessages = metrics.counter("kinesisControlMessages");
        this.rejectedRecords = metrics.counter("kinesisRejectedRecords");
    }

    @Override
    public void emitRecord(KinesisRecord record, SourceOutput<LogRecord> output, ShardSplitState state) {
        String source = "kinesis:" + streamArn + "/" + record.shardId() + "/" + record.sequenceNumber();
        SubscriptionReport report = CloudWatchSubscriptionRecord.read(record.data(), source, cluster, new RecordSink() {
            @Override
            public void apiCall(ApiCall call) {
                output.collect(LogRecord.of(AvroMapper.toAvro(call)));
            }

            @Override
            public void auditEvent(AuditEvent event) {
                output.collect(LogRecord.of(AvroMapper.toAvro(event)));
            }

            @Override
            public void quarantined(Quarantined rejected) {
                output.collect(LogRecord.of(AvroMapper.toAvro(rejected)));
            }
        });
        if (!report.control()) {
            // counted downstream as a file's figures are (records read, calls, audit events), without a file
            output.collect(LogRecord.of(counts(report, record, source)));
        }
        records.inc();
        if (report.control()) {
            controlMessages.inc();
        }
        if (report.rejected() != null) {
            rejectedRecords.inc();
        }
        state.emitted(record.sequenceNumber());
    }

    /** A rejected record counts as one quarantined record; a delivery check counts nothing (not emitted). */
    private static FileCounts counts(SubscriptionReport report, KinesisRecord record, String source) {
        FileCounts c = new FileCounts();
        c.source = source;
        c.outcome = FileCounts.STREAM_RECORD;
        c.bytes = record.data().length;
        c.recordsRead = report.logEvents();
        c.apiCalls = report.apiCalls();
        c.auditEvents = report.auditEvents();
        c.quarantinedRecords = report.quarantinedEvents() + (report.rejected() != null ? 1 : 0);
        c.skippedRecords = report.skippedEvents();
        return c;
    }
}
