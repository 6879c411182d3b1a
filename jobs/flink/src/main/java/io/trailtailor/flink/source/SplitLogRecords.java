package io.trailtailor.flink.source;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.avro.QuarantinedRow;
import io.trailtailor.flink.avro.SharedRowTypeInfo;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.flink.stream.FileCounts;
import io.trailtailor.flink.stream.LogRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits what a source read into the pipeline's three inputs (CloudTrail records on the main output, audit events
 * and quarantined input on side outputs) and keeps the input counters: the one place they are counted, whatever the
 * source, as accumulators (for {@code summary.json}) and as Flink metrics of the same names (for {@code monitor}).
 * A file's figures arrive once, with its closing {@link FileCounts}.
 */
public final class SplitLogRecords extends ProcessFunction<LogRecord, ApiCallRow> {

    public static final OutputTag<AuditEventRow> AUDIT_EVENTS =
            new OutputTag<>("audit-events", new SharedRowTypeInfo<>(AuditEventRow.class));
    public static final OutputTag<QuarantinedRow> QUARANTINED =
            new OutputTag<>("quarantined", TypeInformation.of(QuarantinedRow.class));

    private transient Count cloudTrailFiles;
    private transient Count auditFiles;
    private transient Count skippedFiles;
    private transient Count quarantinedFiles;
    private transient Count recordsRead;
    private transient Count apiCalls;
    private transient Count auditEvents;
    private transient Count quarantinedRecords;
    private transient Count skippedRecords;
    private transient Count bytesRead;
    private transient Count timeFromShipper;

    @Override
    public void open(OpenContext context) {
        cloudTrailFiles = count(Counters.CLOUDTRAIL_FILES);
        auditFiles = count(Counters.AUDIT_FILES);
        skippedFiles = count(Counters.SKIPPED_FILES);
        quarantinedFiles = count(Counters.QUARANTINED_FILES);
        recordsRead = count(Counters.RECORDS_READ);
        apiCalls = count(Counters.API_CALLS_READ);
        auditEvents = count(Counters.AUDIT_EVENTS_READ);
        quarantinedRecords = count(Counters.QUARANTINED_RECORDS);
        skippedRecords = count(Counters.SKIPPED_RECORDS);
        bytesRead = count(Counters.BYTES_READ);
        timeFromShipper = count(Counters.TIME_FROM_SHIPPER_FIELD);
    }

    private Count count(String name) {
        LongCounter accumulator = new LongCounter();
        getRuntimeContext().addAccumulator(name, accumulator);
        return new Count(accumulator, getRuntimeContext().getMetricGroup().counter(name));
    }

    @Override
    public void processElement(LogRecord record, Context ctx, Collector<ApiCallRow> out) {
        if (record.apiCall != null) {
            out.collect(record.apiCall);
        } else if (record.auditEvent != null) {
            ctx.output(AUDIT_EVENTS, record.auditEvent);
        } else if (record.quarantined != null) {
            ctx.output(QUARANTINED, record.quarantined);
        } else if (record.fileDone != null) {
            count(record.fileDone);
        }
    }

    /** As the batch reader always counted: an unopenable file is a quarantined file and nothing else. */
    private void count(FileCounts file) {
        if ("unopenable".equals(file.outcome)) {
            quarantinedFiles.add(1);
            return;
        }
        if ("skipped".equals(file.outcome)) {
            skippedFiles.add(1);
            return;
        }
        if (!FileCounts.STREAM_RECORD.equals(file.outcome)) {
            ("AUDIT".equals(file.kind) ? auditFiles : cloudTrailFiles).add(1);
            if (file.quarantined) {
                quarantinedFiles.add(1);
            }
        }
        bytesRead.add(file.bytes);
        recordsRead.add(file.recordsRead);
        apiCalls.add(file.apiCalls);
        auditEvents.add(file.auditEvents);
        quarantinedRecords.add(file.quarantinedRecords);
        skippedRecords.add(file.skippedRecords);
        timeFromShipper.add(file.timeFromShipperField);
    }

    /** One figure, kept twice: the job's accumulator and the live metric. */
    private record Count(LongCounter accumulator, Counter metric) {
        void add(long n) {
            accumulator.add(n);
            metric.inc(n);
        }
    }
}
