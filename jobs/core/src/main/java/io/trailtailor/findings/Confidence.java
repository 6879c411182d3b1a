package io.trailtailor.findings;

/**
 * How sure we are that the grant is unneeded (FINDINGS.md): HIGH needs a window of at least {@code --min-window},
 * actions CloudTrail records and exact attribution; MEDIUM for IRSA candidates, partial coverage or a shorter window;
 * LOW for node-role candidates and data events that were not logged.
 */
public enum Confidence {
    HIGH,
    MEDIUM,
    LOW;

    /** The less sure of two. */
    public Confidence min(Confidence other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
