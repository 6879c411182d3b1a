package io.trailtailor.event;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a log file's bytes as text bytes: gzip is detected by its magic number, never by the file name, because
 * exported and re-uploaded logs lose or gain ".gz" freely.
 *
 * <p>The JDK inflater is used because it hands out every byte it has decompressed before reporting a break, so a
 * truncated file still yields all records before the break. It reads concatenated gzip members (Firehose objects)
 * only when the stream under it admits to having more bytes; {@link LookAhead} makes that answer exact even for
 * network streams, which otherwise report zero available bytes and silently end the file after its first member.
 */
public final class Decompression {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER = 1 << 16;

    private Decompression() {}

    /** The decompressed content of {@code raw}; the caller closes the returned stream. */
    public static InputStream open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        return isGzip(in) ? new StrictGzip(new LookAhead(in)) : in;
    }

    /**
     * A gzip stream that reports bytes after its last member instead of ignoring them. The JDK ends a stream quietly
     * where the next member's header is damaged (or after a few stray bytes), which would drop every Firehose batch
     * after the damage without a word; here that is a break in the file, reported like a truncation.
     */
    static final class StrictGzip extends GZIPInputStream {

        /** The gzip trailer (CRC-32 and size) is what the inflater legitimately leaves unread after the last member. */
        private static final int TRAILER = 8;

        private final LookAhead rest;

        StrictGzip(LookAhead in) throws IOException {
            super(in, BUFFER);
            this.rest = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0 && (inf.getRemaining() > TRAILER || rest.available() > 0)) {
                throw new ZipException("unreadable data after the last gzip member");
            }
            return n;
        }
    }

    static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    /** A stream whose {@code available()} is non-zero exactly when another byte follows (it reads one ahead). */
    static final class LookAhead extends FilterInputStream {

        private int pending = -2;

        LookAhead(InputStream in) {
            super(in);
        }

        @Override
        public int available() throws IOException {
            int n = super.available() + (pending >= 0 ? 1 : 0);
            if (n > 0) {
                return n;
            }
            if (pending == -2) {
                pending = super.read();
            }
            return pending >= 0 ? 1 : 0;
        }

        @Override
        public int read() throws IOException {
            if (pending != -2) {
                int b = pending;
                pending = -2;
                return b;
            }
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pending != -2) {
                if (pending < 0) {
                    pending = -2;
                    return -1;
                }
                b[off] = (byte) pending;
                pending = -2;
                int more = super.available() > 0 ? super.read(b, off + 1, len - 1) : 0;
                return 1 + Math.max(more, 0);
            }
            return super.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            if (n <= 0) {
                return 0;
            }
            if (pending != -2) {
                boolean hadByte = pending >= 0;
                pending = -2;
                return hadByte ? 1 : 0;
            }
            return super.skip(n);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
