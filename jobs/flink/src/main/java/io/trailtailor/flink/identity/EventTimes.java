package io.trailtailor.flink.identity;

import java.time.Instant;
import org.apache.flink.streaming.api.TimerService;

/** Event-time arithmetic of the joins: sums saturate, so "never" (Long.MAX_VALUE) plus a delay stays never. */
final class EventTimes {

    /** An end that is not known yet: nothing is registered for it. */
    static final long NEVER = Long.MAX_VALUE;

    private EventTimes() {}

    static long plus(long time, long millis) {
        long sum = time + millis;
        return ((time ^ sum) & (millis ^ sum)) < 0 ? (millis > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : sum;
    }

    /**
     * Whether the watermark has reached its end: in BATCH while a key's timers fire, in STREAMING after the end of
     * input. Flink then ignores timers registered from {@code onTimer} (BATCH's timer service logs "quiesced"), so
     * work that would wait for one has to be done at once.
     */
    static boolean atEnd(TimerService timers) {
        return timers.currentWatermark() == Long.MAX_VALUE;
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
