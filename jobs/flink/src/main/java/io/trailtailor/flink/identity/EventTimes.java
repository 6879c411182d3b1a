package io.trailtailor.flink.identity;

import java.time.Instant;

/** Event-time arithmetic of the joins: sums saturate, so "never" (Long.MAX_VALUE) plus a delay stays never. */
final class EventTimes {

    /** An end that is not known yet: nothing is registered for it. */
    static final long NEVER = Long.MAX_VALUE;

    private EventTimes() {}

    static long plus(long time, long millis) {
        long sum = time + millis;
        return ((time ^ sum) & (millis ^ sum)) < 0 ? (millis > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : sum;
    }

    static long millis(Instant t) {
        return t == null ? NEVER : t.toEpochMilli();
    }

    /**
     * When a record stamped {@code timestamp} is decided: once the watermark has passed it by {@code waitMillis}
     * (never before the next watermark, so a late record is decided at once rather than waiting for nothing).
     */
    static long decideAt(Long timestamp, long waitMillis, long watermark) {
        long next = watermark == Long.MAX_VALUE ? Long.MAX_VALUE : watermark + 1;
        return timestamp == null ? next : Math.max(plus(timestamp, waitMillis), next);
    }
}
