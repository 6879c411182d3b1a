package io.trailtailor.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Lenient timestamp parsing for the forms AWS and Kubernetes write: ISO-8601 with Z or an offset and any fraction,
 * and the en-US form STS renders {@code credentials.expiration} in ({@code Apr 16, 2024, 3:20:04 PM}, UTC).
 */
public final class Timestamps {

    // CloudTrail renders credentials.expiration in UTC with an en-US pattern (checked against durationSeconds in
    // the Pod Identity sample of FORMATS.md §3.3: 09:20:04Z + 21600 s = 3:20:04 PM).
    private static final DateTimeFormatter LOCALE_FORM =
            DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US);

    private Timestamps() {}

    /** The instant, or null when {@code text} is not a timestamp. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text); // the form of nearly every record: tried first, without normalizing
        } catch (DateTimeParseException notUtc) {
            // fall through to the rarer forms
        }
        // Newer JDK/CLDR data put a narrow no-break space before AM/PM; normalize so both renderings parse.
        String s = text.trim().replace('\u202f', ' ').replace('\u00a0', ' ');
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException notOffset) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s, LOCALE_FORM).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocaleForm) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            return null;
        }
    }

    /** Epoch milliseconds or seconds as CloudWatch Logs and some exports write them, or null. */
    public static Instant parseEpoch(String text) {
        if (text == null
                || text.isEmpty()
                || text.length() > 16
                || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long value = Long.parseLong(text);
        return text.length() > 11 ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }
}
