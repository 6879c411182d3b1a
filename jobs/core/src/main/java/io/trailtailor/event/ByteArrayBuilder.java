package io.trailtailor.event;

import java.util.Arrays;

/**
 * A growable byte array for {@link JsonFramer} that stops keeping bytes past its cap but goes on counting them, so a
 * value of any length (beyond 2^31 bytes too) is measured without being held.
 */
final class ByteArrayBuilder {

    private static final int INITIAL = 4096;

    private final int cap;
    private byte[] bytes;
    private long length;
    private boolean newline;

    ByteArrayBuilder(int cap) {
        this.cap = cap;
        this.bytes = new byte[Math.min(cap, INITIAL)];
    }

    void append(byte b) {
        if (length < cap) {
            int at = (int) length;
            if (at == bytes.length) {
                grow(at + 1);
            }
            bytes[at] = b;
        }
        length++;
    }

    /** Appends {@code count} bytes of {@code src} from {@code from}. */
    void append(byte[] src, int from, int count) {
        if (length < cap) {
            int at = (int) length;
            int keep = (int) Math.min(count, cap - length);
            if (at + keep > bytes.length) {
                grow(at + keep);
            }
            System.arraycopy(src, from, bytes, at, keep);
        }
        length += count;
    }

    private void grow(int needed) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(cap, Math.max(needed, 2L * bytes.length)));
    }

    void reset() {
        length = 0;
        newline = false;
    }

    void markNewline() {
        newline = true;
    }

    boolean sawNewline() {
        return newline;
    }

    /** Bytes appended since the last reset, kept or not. */
    long length() {
        return length;
    }

    /** Bytes actually held: the first {@code kept()} of {@link #bytes()}. */
    int kept() {
        return (int) Math.min(length, cap);
    }

    boolean overflowed() {
        return length > cap;
    }

    /** The backing array; only its first {@link #kept()} bytes are meaningful. */
    byte[] bytes() {
        return bytes;
    }

    /** A copy of the bytes held. */
    byte[] copy() {
        return Arrays.copyOf(bytes, kept());
    }
}
