package io.trailtailor.synthetic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Hand-rolled UTC formatting: the hot path formats two timestamps per record and DateTimeFormatter is slow. */
final class Times {
    static final long SECOND = 1000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private static final DateTimeFormatter LOCALE_EXPIRY =
            DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    private Times() {}

    /** Direct-mapped cache of {@link #isoSeconds}: records of one slice share a few dozen distinct seconds. */
    static final class SecondCache {
        private final long[] keys = new long[64];
        private final String[] values = new String[64];

        SecondCache() {
            java.util.Arrays.fill(keys, Long.MIN_VALUE);
        }

        String isoSeconds(long ms) {
            long sec = Math.floorDiv(ms, SECOND);
            int i = (int) (sec & 63);
            if (keys[i] != sec) {
                keys[i] = sec;
                values[i] = Times.isoSeconds(sec * SECOND);
            }
            return values[i];
        }
    }

    /** {@code 2026-11-01T00:00:01Z}: CloudTrail's eventTime. */
    static String isoSeconds(long ms) {
        StringBuilder b = new StringBuilder(20);
        date(b, ms, '-');
        b.append('T');
        time(b, ms);
        return b.append('Z').toString();
    }

    /** {@code 2026-11-01T00:00:01.123Z}: CloudWatch export line prefix. */
    static String isoMillis(long ms) {
        return isoFraction(ms, (int) Math.floorMod(ms, 1000L), 3);
    }

    /** {@code 2026-11-01T00:00:01.123456Z}: audit requestReceivedTimestamp/stageTimestamp. */
    static String isoMicros(long micros) {
        return isoFraction(Math.floorDiv(micros, 1000L), (int) Math.floorMod(micros, 1_000_000L), 6);
    }

    /** The second {@code ms} falls in, then {@code fraction} as {@code digits} decimals. */
    private static String isoFraction(long ms, int fraction, int digits) {
        StringBuilder b = new StringBuilder(21 + digits);
        date(b, ms, '-');
        b.append('T');
        time(b, ms);
        b.append('.');
        pad(b, fraction, digits);
        return b.append('Z').toString();
    }

    /** {@code 2026/11/01}: S3 date directories. */
    static String datePath(long ms) {
        StringBuilder b = new StringBuilder(10);
        date(b, ms, '/');
        return b.toString();
    }

    /** {@code 20261101T0005Z}: CloudTrail file-name stamp. */
    static String compactMinute(long ms) {
        StringBuilder b = new StringBuilder(14);
        date(b, ms, (char) 0);
        b.append('T');
        long secOfDay = Math.floorMod(ms, DAY) / 1000;
        pad(b, (int) (secOfDay / 3600), 2);
        pad(b, (int) (secOfDay / 60 % 60), 2);
        return b.append('Z').toString();
    }

    /** {@code 20261101T000501Z}: digest file-name stamp. */
    static String compactSecond(long ms) {
        StringBuilder b = new StringBuilder(16);
        date(b, ms, (char) 0);
        b.append('T');
        long secOfDay = Math.floorMod(ms, DAY) / 1000;
        pad(b, (int) (secOfDay / 3600), 2);
        pad(b, (int) (secOfDay / 60 % 60), 2);
        pad(b, (int) (secOfDay % 60), 2);
        return b.append('Z').toString();
    }

    /** {@code 2026-11-01-00-05-01}: Firehose object-name stamp. */
    static String dashed(long ms) {
        StringBuilder b = new StringBuilder(19);
        date(b, ms, '-');
        long secOfDay = Math.floorMod(ms, DAY) / 1000;
        b.append('-');
        pad(b, (int) (secOfDay / 3600), 2);
        b.append('-');
        pad(b, (int) (secOfDay / 60 % 60), 2);
        b.append('-');
        pad(b, (int) (secOfDay % 60), 2);
        return b.toString();
    }

    /** {@code Nov 1, 2026, 1:00:00 AM}: how CloudTrail prints credentials.expiration. */
    static String localeExpiry(long ms) {
        return LOCALE_EXPIRY.format(Instant.ofEpochMilli(ms));
    }

    private static void date(StringBuilder b, long ms, char sep) {
        long days = Math.floorDiv(ms, DAY);
        // civil-from-days (H. Hinnant)
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        pad(b, (int) y, 4);
        if (sep != 0) {
            b.append(sep);
        }
        pad(b, (int) m, 2);
        if (sep != 0) {
            b.append(sep);
        }
        pad(b, (int) d, 2);
    }

    private static void time(StringBuilder b, long ms) {
        long secOfDay = Math.floorMod(ms, DAY) / 1000;
        pad(b, (int) (secOfDay / 3600), 2);
        b.append(':');
        pad(b, (int) (secOfDay / 60 % 60), 2);
        b.append(':');
        pad(b, (int) (secOfDay % 60), 2);
    }

    private static void pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }
}
