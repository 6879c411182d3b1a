package io.trailtailor.flink.monitor;

import io.trailtailor.flink.stream.Counters;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a running {@code monitor}, read from the job's accumulators (counted where the records are, so they
 * hold on a cluster too). Accumulators start from zero at every start: the figures are those of this run. The
 * watermark is the one every source's bounded-out-of-orderness generator emits, newest event time − {@code
 * --max-delay} − 1 ms; null until an event was seen.
 */
public record MonitorFigures(Map<String, Object> counters, Duration maxDelay, Instant now) {

    /** Alert counters are named {@code alerts.<TYPE>} by the alert stage. */
    public static final String ALERTS_PREFIX = "alerts.";

    public long n(String counter) {
        return counters.get(counter) instanceof Number v ? v.longValue() : 0L;
    }

    public long files() {
        return n(Counters.CLOUDTRAIL_FILES)
                + n(Counters.AUDIT_FILES)
                + n(Counters.SKIPPED_FILES)
                + n(Counters.QUARANTINED_FILES);
    }

    public long records() {
        return n(Counters.RECORDS_READ);
    }

    /** The newest CloudTrail event time seen, or null. */
    public Instant newestEvent() {
        Object v = counters.get(Counters.LAST_EVENT);
        return v instanceof Number n && n.longValue() != Long.MIN_VALUE && n.longValue() != Long.MAX_VALUE
                ? Instant.ofEpochMilli(n.longValue())
                : null;
    }

    public Instant watermark() {
        Instant newest = newestEvent();
        return newest == null ? null : newest.minus(maxDelay).minusMillis(1);
    }

    /** now − watermark, or null without a watermark. */
    public Duration lag() {
        Instant w = watermark();
        return w == null ? null : Duration.between(w, now);
    }

    public Map<String, Long> alertsByType() {
        Map<String, Long> byType = new TreeMap<>();
        counters.forEach((name, value) -> {
            if (name.startsWith(ALERTS_PREFIX) && value instanceof Number n) {
                byType.put(name.substring(ALERTS_PREFIX.length()), n.longValue());
            }
        });
        return byType;
    }

    public long alerts() {
        return alertsByType().values().stream().mapToLong(Long::longValue).sum();
    }
}
