package io.trailtailor.event;

import java.io.InputStream;
import java.util.Arrays;

/** A long input made on the fly: a head, {@code count} copies of one byte, a tail; gigabytes without the memory. */
final class GeneratedInput extends InputStream {

    private final byte[] head;
    private final long count;
    private final byte fill;
    private final byte[] tail;
    private long position;

    GeneratedInput(byte[] head, long count, byte fill, byte[] tail) {
        this.head = head.clone();
        this.count = count;
        this.fill = fill;
        this.tail = tail.clone();
    }

    long length() {
        return head.length + count + tail.length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length()) {
            return -1;
        }
        int n = 0;
        while (n < len && position < length()) {
            if (position < head.length) {
                int k = (int) Math.min(len - n, head.length - position);
                System.arraycopy(head, (int) position, b, off + n, k);
                n += k;
                position += k;
            } else if (position < head.length + count) {
                int k = (int) Math.min(len - n, head.length + count - position);
                Arrays.fill(b, off + n, off + n + k, fill);
                n += k;
                position += k;
            } else {
                long at = position - head.length - count;
                int k = (int) Math.min(len - n, tail.length - at);
                System.arraycopy(tail, (int) at, b, off + n, k);
                n += k;
                position += k;
            }
        }
        return n;
    }
}
