package io.trailtailor.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code ACCESS_DENIED}: a principal was denied an action. One alert per principal, action and UTC hour: the key is
 * all three ({@link AlertRoutes}), so the first denied call of the hour in event time alerts and the rest are
 * counted into it silently. A key is forgotten a day after its hour ends, when CloudTrail has delivered it all.
 */
public final class AccessDenied extends BaseRule {

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration KEEP = Duration.ofDays(1);
    private static final String ALERTED = "alerted";

    public AccessDenied(AlertType type, AlertContext context) {
        super(type, context);
    }

    @Override
    public String decides() {
        return AlertTypes.ACCESS_DENIED;
    }

    /** The start of the UTC hour of an event time. */
    public static long hourOf(long time) {
        return Math.floorDiv(time, HOUR.toMillis()) * HOUR.toMillis();
    }

    @Override
    public Optional<Alert> decide(String key, Observation o, KeyMemory memory, Instant detectedAt) {
        memory.firstSeenOr(o.time());
        if (memory.knows(ALERTED)) return Optional.empty();
        memory.learn(ALERTED);
        String hour = Instant.ofEpochMilli(hourOf(o.time())).toString();
        return Optional.of(Alert.of(
                type,
                AlertId.of(type.rule(), AlertBaseline.principalKey(o.principalArn()), o.action(), hour),
                o,
                detectedAt,
                o.principalArn() + " was denied " + o.action() + " in the hour from " + hour
                        + " (first denied call of that hour)"));
    }

    @Override
    public Long forgetAfter(String key, Observation o) {
        return hourOf(o.time()) + HOUR.toMillis() + KEEP.toMillis();
    }
}
