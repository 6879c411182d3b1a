package io.trailtailor.flink.source;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.avro.QuarantinedRow;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.FileReport;
import io.trailtailor.event.LogFileReader;
import io.trailtailor.event.Quarantined;
import io.trailtailor.event.RecordSink;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.LogFileOpener;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.stream.Counters;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads whole log files, one at a time, streaming their records out: CloudTrail records on the main output, audit
 * events and quarantined input on side outputs. A thin adapter: every decision is {@link LogFileReader}'s.
 */
public final class ReadLogFiles extends ProcessFunction<InputFile, ApiCallRow> {

    public static final OutputTag<AuditEventRow> AUDIT_EVENTS =
            new OutputTag<>("audit-events", TypeInformation.of(AuditEventRow.class));
    public static final OutputTag<QuarantinedRow> QUARANTINED =
            new OutputTag<>("quarantined", TypeInformation.of(QuarantinedRow.class));

    private final S3Settings s3Settings;
    private transient LogFileOpener opener;
    private transient LongCounter cloudTrailFiles;
    private transient LongCounter auditFiles;
    private transient LongCounter skippedFiles;
    private transient LongCounter quarantinedFiles;
    private transient LongCounter recordsRead;
    private transient LongCounter apiCalls;
    private transient LongCounter auditEvents;
    private transient LongCounter quarantinedRecords;
    private transient LongCounter skippedRecords;
    private transient LongCounter bytesRead;
    private transient LongCounter timeFromShipper;

    public ReadLogFiles(S3Settings s3Settings) {
        this.s3Settings = s3Settings;
    }

    @Override
    public void open(OpenContext context) {
        opener = new LogFileOpener(s3Settings);
        cloudTrailFiles = counter(Counters.CLOUDTRAIL_FILES);
        auditFiles = counter(Counters.AUDIT_FILES);
        skippedFiles = counter(Counters.SKIPPED_FILES);
        quarantinedFiles = counter(Counters.QUARANTINED_FILES);
        recordsRead = counter(Counters.RECORDS_READ);
        apiCalls = counter(Counters.API_CALLS_READ);
        auditEvents = counter(Counters.AUDIT_EVENTS_READ);
        quarantinedRecords = counter(Counters.QUARANTINED_RECORDS);
        skippedRecords = counter(Counters.SKIPPED_RECORDS);
        bytesRead = counter(Counters.BYTES_READ);
        timeFromShipper = counter(Counters.TIME_FROM_SHIPPER_FIELD);
    }

    private LongCounter counter(String name) {
        LongCounter counter = new LongCounter();
        getRuntimeContext().addAccumulator(name, counter);
        return counter;
    }

    @Override
    public void processElement(InputFile file, Context ctx, Collector<ApiCallRow> out) {
        RecordSink sink = new RecordSink() {
            @Override
            public void apiCall(ApiCall call) {
                out.collect(AvroMapper.toAvro(call));
            }

            @Override
            public void auditEvent(AuditEvent event) {
                ctx.output(AUDIT_EVENTS, AvroMapper.toAvro(event));
            }

            @Override
            public void quarantined(Quarantined rejected) {
                ctx.output(QUARANTINED, AvroMapper.toAvro(rejected));
            }
        };
        LogFileReader reader = new LogFileReader(file.uri, file.cluster, sink);
        FileReport report;
        boolean opened = false;
        try (InputStream in = opener.open(file)) {
            opened = true;
            report = reader.read(in);
        } catch (IOException | RuntimeException e) {
            // the job goes on: the file is quarantined, and whatever was read from it before the failure stays
            // counted as the reader counted it, so recordsRead still adds up
            String reason = opened
                    ? "reading stopped after " + reader.countedSoFar(null).recordsRead() + " records: " + e
                    : "cannot open: " + e.getMessage();
            sink.quarantined(new Quarantined(file.uri, "file", reason, null));
            report = reader.countedSoFar(reason);
            if (!opened) {
                quarantinedFiles.add(1);
                return;
            }
        }
        if (report.skipped()) {
            skippedFiles.add(1);
            return;
        }
        (file.kind == InputFile.Kind.AUDIT ? auditFiles : cloudTrailFiles).add(1);
        if (report.quarantined()) {
            quarantinedFiles.add(1);
        }
        bytesRead.add(Math.max(file.size, 0));
        recordsRead.add(report.recordsRead());
        apiCalls.add(report.apiCalls());
        auditEvents.add(report.auditEvents());
        quarantinedRecords.add(report.quarantinedRecords());
        skippedRecords.add(report.skippedRecords());
        timeFromShipper.add(report.timeFromShipperField());
    }

    @Override
    public void close() {
        if (opener != null) {
            opener.close();
        }
    }
}
