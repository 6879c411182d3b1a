package io.trailtailor.event;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Tells from a file's first bytes whether it can be a log at all. Every supported layout starts, after optional
 * whitespace and a byte-order mark, with gzip's magic number, a JSON object or array, or a timestamp followed by JSON
 * (CloudWatch Logs export lines). A file that starts otherwise ({@code .aws/credentials}, {@code .env}, a PEM key, a
 * README) is quarantined by name and size alone: cutting it into lines would copy whatever it holds into the
 * quarantine, and a credentials file holds nothing but secrets.
 */
public final class LogSniffer {

    /** How far into a file the sniffer looks; the stream must be able to reset this far. */
    public static final int HEAD_BYTES = 512;

    private static final int MAX_PREFIX = 64;

    private LogSniffer() {}

    /**
     * Why {@code in} is not a log, or null when it may be one (or is empty, which the reader reports itself). When it
     * is not, the rest of the stream is consumed to count its size; otherwise the stream is reset to its start.
     */
    public static String notALogReason(BufferedInputStream in) {
        byte[] head = new byte[HEAD_BYTES];
        int n;
        try {
            in.mark(HEAD_BYTES);
            n = in.readNBytes(head, 0, HEAD_BYTES);
            in.reset();
        } catch (IOException e) {
            return null; // the reader meets the same failure and reports it as the file's reason
        }
        if (mayBeLog(head, n)) {
            return null;
        }
        long size = n;
        String atLeast = "";
        try {
            in.skipNBytes(n);
            for (long skipped; (skipped = in.skip(1 << 20)) > 0 || in.read() >= 0; ) {
                size += skipped > 0 ? skipped : 1;
            }
        } catch (IOException e) {
            atLeast = "at least ";
        }
        return "not a log file (" + atLeast + size + " bytes): it starts with neither JSON nor gzip, so no excerpt"
                + " is kept";
    }

    static boolean mayBeLog(byte[] head, int n) {
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return true;
        }
        int i = 0;
        if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < n && isSpace(head[i])) {
            i++;
        }
        if (i == n) {
            return true; // empty or blank so far: the reader decides
        }
        if (head[i] == '{' || head[i] == '[') {
            return opensJson(head, i, n);
        }
        int start = i;
        while (i < n && i - start <= MAX_PREFIX && head[i] != ' ' && head[i] != '\t' && !isSpace(head[i])) {
            i++;
        }
        String prefix = new String(head, start, i - start, StandardCharsets.UTF_8);
        if (prefix.isEmpty()
                || !Character.isDigit(prefix.charAt(0))
                || (Timestamps.parse(prefix) == null && Timestamps.parseEpoch(prefix) == null)) {
            return false;
        }
        while (i < n && (head[i] == ' ' || head[i] == '\t')) {
            i++;
        }
        return i == n || ((head[i] == '{' || head[i] == '[') && opensJson(head, i, n));
    }

    /**
     * True when the brace or bracket at {@code i} opens JSON: an object's first key or its end, an array's first value
     * or its end. An INI section such as {@code [default]} opens nothing.
     */
    private static boolean opensJson(byte[] head, int i, int n) {
        byte open = head[i];
        int j = i + 1;
        while (j < n && isSpace(head[j])) {
            j++;
        }
        if (j == n) {
            return true;
        }
        byte next = head[j];
        if (open == '{') {
            return next == '"' || next == '}';
        }
        return next == '{'
                || next == '['
                || next == '"'
                || next == ']'
                || next == '-'
                || (next >= '0' && next <= '9')
                || next == 't'
                || next == 'f'
                || next == 'n';
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
