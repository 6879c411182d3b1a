package io.trailtailor.flink.monitor;

import java.time.Instant;
import java.util.Locale;

/** The line {@code monitor} prints every few seconds: what was read, how far behind event time is, alerts so far. */
public final class ProgressLine {

    private ProgressLine() {}

    public static String of(MonitorFigures f, RestorePoint lastCheckpoint) {
        Instant watermark = f.watermark();
        return String.format(
                Locale.ROOT,
                "monitor: %,d files, %,d records, watermark %s, lag %s, %,d alerts, checkpoint %s",
                f.files(),
                f.records(),
                watermark == null ? "-" : watermark.toString(),
                f.lag() == null ? "-" : DurationText.human(f.lag()),
                f.alerts(),
                lastCheckpoint == null ? "-" : lastCheckpoint.savepoint() ? "savepoint" : lastCheckpoint.id());
    }
}
