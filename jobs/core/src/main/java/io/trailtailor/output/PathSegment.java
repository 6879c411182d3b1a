package io.trailtailor.output;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One path segment (a directory or file name without extension) made from a name found in log data.
 *
 * <p>The rule: characters outside {@code [A-Za-z0-9._@+=,-]} (the IAM name alphabet minus nothing a file system
 * minds) become {@code _}; a leading or trailing dot becomes {@code _}, and so does the second dot of any
 * {@code ..}, so a segment is never {@code .}, {@code ..} or hidden; a segment is at most {@link #MAX_BYTES} bytes.
 * Whenever anything was replaced or cut, {@code -} and the first 8 hex digits of the SHA-256 of the original name are
 * appended (within the cap), so two different names never share a segment. The result is ASCII, so its length in
 * characters is its length in bytes; with any extension this project writes, a file name stays far below the 255
 * bytes file systems allow.
 */
public final class PathSegment {

    /** The longest segment, hash suffix included. */
    public static final int MAX_BYTES = 100;

    private static final int HASH_CHARS = 8;
    private static final String EMPTY = "_";

    private PathSegment() {}

    /** The segment for {@code name}; distinct names give distinct segments. */
    public static String of(String name) {
        return of(name, name);
    }

    /**
     * The segment for {@code raw}, disambiguated by the hash of {@code identity} when it had to be changed: for a
     * name built from several parts (e.g. {@code sa.<namespace>.<name>}) whose identity is the whole principal.
     */
    public static String of(String raw, String identity) {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        boolean changed = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean dotAfterDot = c == '.' && i > 0 && sb.charAt(i - 1) == '.';
            boolean ok = safe(c) && !dotAfterDot && !(c == '.' && (i == 0 || i == raw.length() - 1));
            sb.append(ok ? c : '_');
            changed |= !ok;
        }
        if (sb.length() > MAX_BYTES) {
            sb.setLength(MAX_BYTES - HASH_CHARS - 1);
            changed = true;
        }
        if (changed) {
            sb.append('-').append(hash(identity == null ? raw : identity));
        }
        return sb.toString();
    }

    /** Whether {@code segment} is one this class could have produced: safe alphabet, bounded, no dot games. */
    public static boolean isSafe(String segment) {
        if (segment == null || segment.isEmpty() || segment.length() > MAX_BYTES) {
            return false;
        }
        if (segment.startsWith(".") || segment.endsWith(".") || segment.contains("..")) {
            return false;
        }
        return segment.chars().allMatch(c -> safe((char) c));
    }

    private static boolean safe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "._@+=,-".indexOf(c) >= 0;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, HASH_CHARS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
