package io.trailtailor.findings;

import java.time.Duration;

/**
 * The knobs of finding evaluation.
 *
 * @param minWindow {@code --min-window}: the shortest window over which "unused" is said with HIGH confidence
 *     (default 7 days)
 */
public record FindingsOptions(Duration minWindow) {

    public static final Duration DEFAULT_MIN_WINDOW = Duration.ofDays(7);

    public static FindingsOptions defaults() {
        return new FindingsOptions(DEFAULT_MIN_WINDOW);
    }
}
