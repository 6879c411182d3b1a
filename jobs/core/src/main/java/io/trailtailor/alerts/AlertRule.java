package io.trailtailor.alerts;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * One alert type's decision: given an observation of a key (in event-time order) and what the key remembers, the
 * alert to raise, if any. Pure apart from the {@link KeyMemory} it updates, so the same observations in the same
 * order give the same alerts wherever they run.
 */
public interface AlertRule extends Serializable {

    /** The type name this rule decides ({@link AlertTypes}). */
    String decides();

    AlertType type();

    Optional<Alert> decide(String key, Observation o, KeyMemory memory, Instant detectedAt);

    /**
     * When a key's memory may be dropped (event time, epoch ms), or null to keep it: a key that can never alert
     * again, such as a principal's past hour of denied calls, need not be remembered.
     */
    default Long forgetAfter(String key, Observation o) {
        return null;
    }
}
