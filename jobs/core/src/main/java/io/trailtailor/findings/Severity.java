package io.trailtailor.findings;

/** The impact if the grant were abused (FINDINGS.md), most severe first so that {@code compareTo} sorts by it. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    INFO;

    /** The more severe of two. */
    public Severity max(Severity other) {
        return other.ordinal() < ordinal() ? other : this;
    }
}
