package io.trailtailor.flink.stream;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time, as DESIGN.md defines it: {@code eventTime} for CloudTrail, {@code requestReceivedTimestamp} for audit
 * events; the watermark trails the newest event seen by {@code maxDelay} (CloudTrail delivers within about five
 * minutes on average, not guaranteed). In BATCH mode watermarks are ignored and every event-time timer of a key fires
 * once that key's input is over, so the same operators give the batch answer.
 *
 * @param maxDelay how late an event may arrive and still be joined as if on time ({@code --max-delay})
 * @param idleness after how long without records a source split stops holding the watermark back
 */
public record EventTime(Duration maxDelay, Duration idleness) implements Serializable {

    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(15);
    public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(5);

    public static EventTime defaults() {
        return new EventTime(DEFAULT_MAX_DELAY, DEFAULT_IDLENESS);
    }

    public EventTime {
        if (maxDelay == null || maxDelay.isNegative()) {
            throw new IllegalArgumentException("max delay must be >= 0");
        }
        idleness = idleness == null ? DEFAULT_IDLENESS : idleness;
    }

    public long maxDelayMillis() {
        return maxDelay.toMillis();
    }

    public WatermarkStrategy<ApiCallRow> forCalls() {
        return WatermarkStrategy.<ApiCallRow>forBoundedOutOfOrderness(maxDelay)
                .withTimestampAssigner((c, previous) -> c.getEventTime().toEpochMilli())
                .withIdleness(idleness);
    }

    public WatermarkStrategy<AuditEventRow> forAuditEvents() {
        return WatermarkStrategy.<AuditEventRow>forBoundedOutOfOrderness(maxDelay)
                .withTimestampAssigner(
                        (e, previous) -> e.getRequestReceivedTimestamp().toEpochMilli())
                .withIdleness(idleness);
    }
}
