package io.trailtailor.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Lenient timestamp parsing for the forms AWS and Kubernetes write: ISO-8601 with Z or an offset and any fraction,
 * and the en-US form STS renders {@code credentials.expiration} in ({@code Apr 16, 2024, 3:20:04 PM}, UTC).
 *
 * <p>Only the years 0000 to 9999 are accepted. No log is written outside them, and every later representation of a
 * time holds them without overflow: epoch milliseconds and microseconds (Avro, Flink watermarks), four-digit ISO years
 * and {@code dt=} partitions. A syntactically valid time outside them ({@code +1000000000-01-01T00:00:00Z}) is
 * reported as out of range rather than handed on to overflow later.
 */
public final class Timestamps {

    /** The earliest instant accepted: 0000-01-01T00:00:00Z. */
    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    /** The latest instant accepted: 9999-12-31T23:59:59.999999999Z. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    // CloudTrail renders credentials.expiration in UTC with an en-US pattern (checked against durationSeconds in
    // the Pod Identity sample of FORMATS.md §3.3: 09:20:04Z + 21600 s = 3:20:04 PM).
    private static final DateTimeFormatter LOCALE_FORM =
            DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US);

    private static final int MAX_EPOCH_DIGITS = 16;
    private static final int MAX_EPOCH_SECOND_DIGITS = 11;

    private Timestamps() {}

    /** The instant, or null when {@code text} is not a timestamp or lies outside {@link #EARLIEST}..{@link #LATEST}. */
    public static Instant parse(String text) {
        return inRange(parseAnyYear(text));
    }

    /** True when {@code text} is a well-formed timestamp whose instant lies outside the accepted years. */
    public static boolean isOutOfRange(String text) {
        Instant instant = parseAnyYear(text);
        return instant != null && inRange(instant) == null;
    }

    /** Epoch milliseconds or seconds as CloudWatch Logs and some exports write them, or null. */
    public static Instant parseEpoch(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_EPOCH_DIGITS || !isAsciiDigits(text)) {
            return null;
        }
        long value = Long.parseLong(text); // at most 16 digits: always fits
        return inRange(
                text.length() > MAX_EPOCH_SECOND_DIGITS ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value));
    }

    private static Instant parseAnyYear(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text); // the form of nearly every record: tried first, without normalizing
        } catch (DateTimeException notUtc) {
            // fall through to the rarer forms; DateTimeException, not only its parse subclass: a field can be in range
            // for the parser and still make an instant beyond Instant.MAX
        }
        // Newer JDK/CLDR data put a narrow no-break space before AM/PM; normalize so both renderings parse.
        String s = text.trim().replace('\u202f', ' ').replace('\u00a0', ' ');
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException notOffset) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s, LOCALE_FORM).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException notLocaleForm) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException notLocal) {
            return null;
        }
    }

    private static Instant inRange(Instant instant) {
        return instant == null || instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? null : instant;
    }

    private static boolean isAsciiDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
