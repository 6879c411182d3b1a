package io.trailtailor.alerts;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Without {@code --baseline}, the baseline is learnt: the first 24 h of event time (DESIGN.md). The window starts
 * at {@code start} when the run names one, otherwise at the key's own first event (a subject, a cluster, a role), so
 * the decision needs nothing but the key's state and does not depend on which key's data arrives first. Either
 * way nothing alerts during the run's first 24 h of event time.
 *
 * @param start null: each key's first event
 */
public record LearningWindow(Instant start, Duration length) implements Serializable {

    public static final Duration DEFAULT_LENGTH = Duration.ofHours(24);

    public LearningWindow {
        if (length == null || length.isNegative()) throw new IllegalArgumentException("length must be >= 0");
    }

    public static LearningWindow defaults() {
        return new LearningWindow(null, DEFAULT_LENGTH);
    }

    /** Whether an observation at {@code time} of a key first seen at {@code keyFirstSeen} is still being learnt. */
    public boolean learning(long keyFirstSeen, long time) {
        long from = start != null ? start.toEpochMilli() : keyFirstSeen;
        return time < from + length.toMillis();
    }
}
