package io.trailtailor.flink.monitor;

import io.trailtailor.flink.stream.EventTime;
import io.trailtailor.flink.stream.LogStreams;

/**
 * Gives CloudTrail records and audit events each their own watermark. One watched source reads both kinds, and its
 * watermark follows the newest event of whatever it read last: one CloudWatch export that covers a day of audit
 * events, read before the CloudTrail files of its first hour, put every one of those calls behind its dedup horizon
 * (to {@code parquet/late/}), and a restore that read such a file first did it to every call of the run. Per kind,
 * an input that runs ahead only holds the joins back to the slower kind, which is what waiting for it means.
 */
final class WatermarksPerKind {

    private WatermarksPerKind() {}

    /** The same streams, each watermarked by its own event times only (upstream watermarks are replaced). */
    static LogStreams of(LogStreams in, EventTime time) {
        return new LogStreams(
                in.apiCalls()
                        .assignTimestampsAndWatermarks(time.forCalls())
                        .name("event time of api calls")
                        .uid("watermarks-api-calls"),
                in.auditEvents()
                        .assignTimestampsAndWatermarks(time.forAuditEvents())
                        .name("event time of audit events")
                        .uid("watermarks-audit-events"),
                in.quarantined());
    }
}
