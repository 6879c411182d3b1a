package io.trailtailor.synthetic;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip writers. Java's GZIPOutputStream writes mtime 0 and no file name, so equal input gives equal bytes; level 1
 * because compression dominates generation time and the files are test data, not archives.
 */
final class Gz {
    private Gz() {}

    static OutputStream create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return wrap(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** One gzip member on top of {@code out}; closing it closes {@code out}. */
    static OutputStream wrap(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    /** One complete gzip member as bytes, for concatenated-member (Firehose) objects. */
    static byte[] member(byte[] data, int len) throws IOException {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream(len / 4 + 64);
        try (OutputStream gz = wrap(bos)) {
            gz.write(data, 0, len);
        }
        return bos.toByteArray();
    }
}
