package io.trailtailor.flink.stream;

/**
 * The figures of one input file once it has been read (or given up on): what {@code summary.json}'s {@code input}
 * counters add up. A Flink POJO. {@code kind} is {@code CLOUDTRAIL} or {@code AUDIT}; {@code outcome} is {@code read},
 * {@code skipped} (digest, Insights, not a log) or {@code unopenable} (quarantined whole); or {@link #STREAM_RECORD}
 * for one record of a stream (a Kinesis subscription record): its log events count, no file does.
 */
public class FileCounts {

    public static final String STREAM_RECORD = "stream-record";

    public String source;
    public String kind;
    public String outcome;
    public boolean quarantined;
    public long bytes;
    public long recordsRead;
    public long apiCalls;
    public long auditEvents;
    public long quarantinedRecords;
    public long skippedRecords;
    public long timeFromShipperField;

    public FileCounts() {}
}
