package io.trailtailor.event;

import java.nio.charset.StandardCharsets;

/**
 * One unit cut from a log stream by {@link JsonFramer}: a JSON value, or a stretch of input that is not one. Frames
 * come in stream order and never overlap; {@code offset} and {@code end} delimit each in the decompressed stream.
 */
public sealed interface Frame {

    /** Byte offset of the frame's first byte in the decompressed stream. */
    long offset();

    /** Byte offset just past the frame's last byte. */
    long end();

    /**
     * A complete JSON value: a top-level value, or one element of an envelope array ({@code Records}, {@code logEvents},
     * {@code Events}, {@code items}) or of a top-level array.
     *
     * @param linePrefix the text before the value on its line (CloudWatch export timestamps), or null
     * @param envelope the envelope object's fields read before its array (e.g. {@code logGroup}), as JSON, or null
     */
    record Value(byte[] bytes, long offset, long end, String linePrefix, byte[] envelope) implements Frame {}

    /** Input that is not JSON (or breaks off inside a value); {@code excerpt} is at most 1 KiB of it. */
    record Garbage(long offset, long end, String reason, String excerpt) implements Frame {}

    /** A JSON value larger than the record limit: skipped without being held in memory. */
    record Oversized(long offset, long end, long size, String excerpt) implements Frame {}

    /**
     * The start of {@code bytes} as text with secrets masked, at most {@link Quarantined#MAX_EXCERPT} characters: cut
     * again after masking, as a mask can be longer than the cut-off secret it replaces.
     */
    static String excerpt(byte[] bytes, int length) {
        int n = Math.min(length, Quarantined.MAX_EXCERPT);
        String masked = SecretScrubber.scrubText(new String(bytes, 0, n, StandardCharsets.UTF_8));
        if (masked.length() <= Quarantined.MAX_EXCERPT) {
            return masked;
        }
        int end = Quarantined.MAX_EXCERPT;
        if (Character.isHighSurrogate(masked.charAt(end - 1))) {
            end--; // never half a character
        }
        return masked.substring(0, end);
    }
}
