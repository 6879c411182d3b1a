package io.trailtailor.catalog.refresh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips generated bundle bytes for the refresh tools (IAM catalog, managed policies) so that equal input gives equal
 * bytes: {@link GZIPOutputStream} writes MTIME=0 and no file name.
 */
public final class DeterministicGzip {

    private DeterministicGzip() {}

    /** The gzip of {@code data}, without a timestamp or file name in the header. */
    public static byte[] of(byte[] data) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buf, 1 << 16)) {
            out.write(data);
        }
        return buf.toByteArray();
    }
}
