package io.trailtailor.event;

/**
 * Checks bytes for well-formed UTF-8 (RFC 3629) without decoding them, so that a record can be parsed by Jackson's
 * byte parser directly: decoding every record to chars first only to reject a few cost a copy of every record.
 * Jackson's own decoder lets overlong forms ({@code C0 AF} reads as '/') and encoded surrogates ({@code ED A0 80})
 * through; this check does not.
 */
final class StrictUtf8 {

    private StrictUtf8() {}

    /** True when every byte sequence is a shortest-form UTF-8 encoding of a scalar value. */
    static boolean isWellFormed(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) { // ASCII: by far the most bytes of a log record
                i++;
                continue;
            }
            c &= 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= n || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                // E0 needs A0..BF (else overlong); ED needs 80..9F (else a surrogate)
                int lo = c == 0xE0 ? 0xA0 : 0x80;
                int hi = c == 0xED ? 0x9F : 0xBF;
                if (c1 < lo || c1 > hi || !continuation(b[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                // F0 needs 90..BF (else overlong); F4 needs 80..8F (else above U+10FFFF)
                int lo = c == 0xF0 ? 0x90 : 0x80;
                int hi = c == 0xF4 ? 0x8F : 0xBF;
                if (c1 < lo || c1 > hi || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false; // a stray continuation byte, C0/C1 (always overlong) or F5..FF
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
