package io.trailtailor.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds where a run of JSON string bytes that need no attention ends: the first quote, backslash or line end.
 * Strings are most of every record, so the framer skips them eight bytes at a time.
 */
final class PlainStringBytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private PlainStringBytes() {}

    /** The index in {@code buf[from, limit)} of the first quote, backslash or line end, or {@code limit}. */
    static int end(byte[] buf, int from, int limit) {
        int p = from;
        // eight bytes at a time while none of them needs attention; the byte loop below finds which one does
        while (p + Long.BYTES <= limit && !needsAttention((long) LONGS.get(buf, p))) {
            p += Long.BYTES;
        }
        while (p < limit) {
            byte c = buf[p];
            if (c == '"' || c == '\\' || c == '\n') {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * True when one of the eight bytes in {@code word} is a quote, a backslash or a line end: the classic test for a
     * zero byte in a word, on the word XORed with each of them.
     */
    private static boolean needsAttention(long word) {
        return (zeroByte(word ^ (ONES * '"')) | zeroByte(word ^ (ONES * '\\')) | zeroByte(word ^ (ONES * '\n'))) != 0;
    }

    private static long zeroByte(long v) {
        return (v - ONES) & ~v & HIGHS;
    }
}
