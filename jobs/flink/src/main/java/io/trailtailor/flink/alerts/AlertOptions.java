package io.trailtailor.flink.alerts;

import io.trailtailor.alerts.AlertBaseline;
import io.trailtailor.alerts.AlertContext;
import io.trailtailor.alerts.LearningWindow;
import io.trailtailor.alerts.NodeActions;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The alert knobs of {@code monitor}: {@code --baseline} (an earlier analyze output directory, or null to learn the
 * baseline from the first {@code learning} of event time) and where that window starts (null: each key's first
 * event; the composer may pass {@code --from}).
 */
public record AlertOptions(String baseline, Instant learningStart, Duration learning) implements Serializable {

    public AlertOptions {
        learning = learning == null ? LearningWindow.DEFAULT_LENGTH : learning;
    }

    public static AlertOptions defaults() {
        return new AlertOptions(null, null, null);
    }

    public static AlertOptions withBaseline(String dir) {
        return new AlertOptions(dir, null, null);
    }

    /**
     * The rules' context: the baseline read here, on the client, and shipped with the job (a task manager need not
     * see the directory). The node actions are filled in on the task, from the bundled policies.
     */
    AlertContext context() {
        AlertBaseline b = baseline == null ? null : AlertBaseline.read(Path.of(baseline));
        return new AlertContext(b, new LearningWindow(learningStart, learning), NodeActions.none());
    }
}
