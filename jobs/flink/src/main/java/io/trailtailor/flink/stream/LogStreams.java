package io.trailtailor.flink.stream;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.avro.QuarantinedRow;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What every source hands the pipeline: CloudTrail records, audit events and quarantined input, each with its event
 * time as the record timestamp and watermarks that trail the newest event by the allowed delay ({@link EventTime}).
 * Duplicates are still in: the pipeline keeps one copy per event id.
 */
public record LogStreams(
        DataStream<ApiCallRow> apiCalls,
        DataStream<AuditEventRow> auditEvents,
        DataStream<QuarantinedRow> quarantined) {

    /** The streams of several sources as one (a directory and a Kinesis stream, say). */
    public LogStreams union(LogStreams other) {
        return new LogStreams(
                apiCalls.union(other.apiCalls),
                auditEvents.union(other.auditEvents),
                quarantined.union(other.quarantined));
    }
}
