package io.trailtailor.alerts;

/** What every rule holds: the type it decides (from the registry) and the run's context. */
abstract class BaseRule implements AlertRule {

    protected final AlertType type;
    protected final AlertContext context;

    BaseRule(AlertType type, AlertContext context) {
        this.type = type;
        this.context = context;
    }

    @Override
    public AlertType type() {
        return type;
    }

    /** {@code key} without its {@code KIND|} prefix. */
    static String subjectOf(String key) {
        int bar = key.indexOf('|');
        return bar < 0 ? key : key.substring(bar + 1);
    }
}
