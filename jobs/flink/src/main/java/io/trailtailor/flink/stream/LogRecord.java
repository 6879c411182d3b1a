package io.trailtailor.flink.stream;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.avro.QuarantinedRow;
import io.trailtailor.flink.avro.SharedRowsPojo;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One thing a source read: exactly one of a CloudTrail record, an audit event, a quarantined record or file, or the
 * figures of a file that has been read to its end (so counters are kept downstream, in one place, whatever the
 * source). A Flink POJO: public fields and a no-arg constructor, so it travels without Kryo.
 */
@TypeInfo(LogRecord.Type.class)
public class LogRecord {

    /** Its Flink type: its rows shared, not deep-copied, between chained operators. */
    public static final class Type extends SharedRowsPojo<LogRecord> {
        public Type() {
            super(LogRecord.class);
        }
    }

    public ApiCallRow apiCall;
    public AuditEventRow auditEvent;
    public QuarantinedRow quarantined;
    public FileCounts fileDone;

    public LogRecord() {}

    public static LogRecord of(ApiCallRow call) {
        LogRecord r = new LogRecord();
        r.apiCall = call;
        return r;
    }

    public static LogRecord of(AuditEventRow event) {
        LogRecord r = new LogRecord();
        r.auditEvent = event;
        return r;
    }

    public static LogRecord of(QuarantinedRow rejected) {
        LogRecord r = new LogRecord();
        r.quarantined = rejected;
        return r;
    }

    public static LogRecord of(FileCounts done) {
        LogRecord r = new LogRecord();
        r.fileDone = done;
        return r;
    }

    /** The record's event time in epoch millis, or {@code Long.MIN_VALUE} for what has none. */
    public long eventTimeMillis() {
        if (apiCall != null) {
            return apiCall.getEventTime().toEpochMilli();
        }
        if (auditEvent != null) {
            return auditEvent.getRequestReceivedTimestamp().toEpochMilli();
        }
        return Long.MIN_VALUE;
    }
}
