package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EarliestSessionTest {

    private static CredentialSession minted(String eventId, String issuedAt) {
        return CredentialSession.builder("ASIAKEY", Mechanism.IRSA)
                .issuingEventId(eventId)
                .issuedAt(issuedAt == null ? null : Instant.parse(issuedAt))
                .build();
    }

    @Test
    void theEarlierIssueStandsWhicheverArrivesFirst() {
        CredentialSession early = minted("e2", "2026-11-01T10:00:00Z");
        CredentialSession late = minted("e1", "2026-11-01T10:00:05Z");
        assertThat(EarliestSession.of(early, late)).isSameAs(early);
        assertThat(EarliestSession.of(late, early)).isSameAs(early);
    }

    @Test
    void aTieIsBrokenByTheSmallerEventId() {
        CredentialSession a = minted("event-a", "2026-11-01T10:00:00Z");
        CredentialSession b = minted("event-b", "2026-11-01T10:00:00Z");
        assertThat(EarliestSession.of(b, a)).isSameAs(a);
        assertThat(EarliestSession.of(a, b)).isSameAs(a);
    }

    @Test
    void aKnownIssueTimeBeatsAnUnknownOne() {
        CredentialSession known = minted("z", "2026-11-01T10:00:00Z");
        CredentialSession unknown = minted("a", null);
        assertThat(EarliestSession.of(unknown, known)).isSameAs(known);
        assertThat(EarliestSession.of(known, unknown)).isSameAs(known);
        assertThat(EarliestSession.of(null, unknown)).isSameAs(unknown);
    }
}
