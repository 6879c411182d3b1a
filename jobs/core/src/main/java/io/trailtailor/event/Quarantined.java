package io.trailtailor.event;

/**
 * An input file or record that could not be used. {@code position} says where (record index, line or byte offset of
 * the decompressed stream); {@code excerpt} is at most 1 KiB, with secrets removed.
 */
public record Quarantined(String source, String position, String reason, String excerpt) {

    public static final int MAX_EXCERPT = 1024;
}
