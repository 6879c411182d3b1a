package io.trailtailor.identity;

import java.util.Comparator;

/**
 * Which of two sessions for one access key stands: a key is minted once, so of two issuing events for it the
 * earlier one (then the smaller event id, so the answer never depends on arrival order); an unknown issue time
 * loses to a known one.
 */
public final class EarliestSession {

    /** Earliest first: issue time (unknown last), then issuing event id. */
    public static final Comparator<CredentialSession> ORDER = Comparator.comparing(
                    CredentialSession::issuedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(s -> String.valueOf(s.issuingEventId()));

    private EarliestSession() {}

    /** The session that stands of the two: {@code current} unless {@code candidate} sorts strictly before it. */
    public static CredentialSession of(CredentialSession current, CredentialSession candidate) {
        if (current == null) {
            return candidate;
        }
        return ORDER.compare(candidate, current) < 0 ? candidate : current;
    }
}
