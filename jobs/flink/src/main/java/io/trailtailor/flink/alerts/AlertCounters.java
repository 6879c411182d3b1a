package io.trailtailor.flink.alerts;

/**
 * Names of the alert counters: {@code alerts.<TYPE>}, both a Flink accumulator (the driver and {@code status.json}
 * read it) and a metric (group {@code alerts}, counter {@code <TYPE>}) for a running job's dashboards.
 */
public final class AlertCounters {

    public static final String GROUP = "alerts";

    private AlertCounters() {}

    public static String name(String type) {
        return GROUP + "." + type;
    }
}
