package io.trailtailor.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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
        Instant utc = parseUtcSeconds(text);
        if (utc != null) {
            return utc;
        }
        try {
            return Instant.parse(text); // the rest of ISO_INSTANT: lower case, offsets, leap and 24:00 times
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

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a valid date and time: the form of nearly every record, read by hand,
     * as {@link Instant#parse} cost a formatter run per timestamp. Null for anything else (even a valid instant in
     * another form), which then goes the general way; where not null, it is what {@link Instant#parse} returns.
     */
    static Instant parseUtcSeconds(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(n - 1) != 'Z') {
            return null;
        }
        if (t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
            return null;
        }
        if (minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between the '.' and the 'Z'
            if (t.charAt(19) != '.' || fraction < 1) {
                return null;
            }
            nanos = digits(t, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The ASCII digits {@code t[from, from + count)} as a number, or -1 when one is not a digit. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
