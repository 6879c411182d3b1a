package io.trailtailor.event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Cuts a decompressed log stream into JSON values without parsing them, so that one bad record never takes its
 * neighbours down and no file is ever held in memory whole.
 *
 * <p>It understands every layout AWS and Kubernetes deliver: a top-level object whose {@code Records},
 * {@code logEvents}, {@code Events} or {@code items} array is streamed element by element (CloudTrail files, CloudWatch
 * subscription batches, {@code lookup-events} output, audit EventLists); a top-level array; any sequence of values
 * separated by whitespace (JSON lines, concatenated Firehose objects, pretty-printed values); and lines that start
 * with a timestamp before the JSON (CloudWatch Logs export tasks). When values are one per line, a line that breaks
 * off is reported as garbage and reading resumes on the next line.
 */
public final class JsonFramer {

    /** CloudTrail's own limit on one record is far below this; anything larger is not a record we can trust. */
    public static final int MAX_VALUE_BYTES = 1 << 20;

    private static final Set<String> ENVELOPE_ARRAYS = Set.of("Records", "logEvents", "Events", "items");
    private static final int MAX_LINE_PREFIX = 64;

    private enum Mode {
        TOP,
        TOP_ARRAY,
        ENVELOPE_ARRAY
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long consumedBefore;
    private boolean eof;

    private Mode mode = Mode.TOP;
    private byte[] envelope;
    private boolean lineDelimited;
    private boolean firstTopValue = true;
    private boolean lastValueWasOneLine;

    private final ByteBuffer value = new ByteBuffer(MAX_VALUE_BYTES);

    public JsonFramer(InputStream decompressed) {
        this.in = decompressed;
    }

    /** The next frame, or null at the end of the stream. I/O errors (a broken gzip stream) propagate. */
    public Frame next() throws IOException {
        while (true) {
            switch (mode) {
                case TOP -> {
                    Frame frame = nextTopLevel();
                    if (frame != CONTINUE) {
                        return frame;
                    }
                }
                case TOP_ARRAY, ENVELOPE_ARRAY -> {
                    Frame frame = nextArrayElement();
                    if (frame != CONTINUE) {
                        return frame;
                    }
                }
                default -> throw new IllegalStateException(mode.toString());
            }
        }
    }

    /** Sentinel: the state machine moved on without producing a frame. */
    private static final Frame CONTINUE = new Frame.Garbage(-1, "", "");

    private Frame nextTopLevel() throws IOException {
        boolean sawNewline = skipWhitespace();
        if (!firstTopValue && sawNewline && !lineDelimited && lastValueWasOneLine) {
            lineDelimited = true;
        }
        int b = peek();
        if (b < 0) {
            return null;
        }
        long start = position();
        if (b == '{') {
            return topLevelObject(start, null);
        }
        if (b == '[') {
            pos++;
            mode = Mode.TOP_ARRAY;
            envelope = null;
            return CONTINUE;
        }
        return prefixedLine(start);
    }

    /** A line such as {@code 2024-01-01T00:00:00.000Z {...}}: the prefix is kept, the value framed as usual. */
    private Frame prefixedLine(long start) throws IOException {
        value.reset();
        int b;
        while ((b = peek()) >= 0
                && b != ' '
                && b != '\t'
                && b != '\n'
                && b != '\r'
                && value.length() <= MAX_LINE_PREFIX) {
            value.append((byte) b);
            pos++;
        }
        String prefix = new String(value.bytes(), 0, value.length(), StandardCharsets.UTF_8);
        if ((b == ' ' || b == '\t') && looksLikeTimestamp(prefix)) {
            while ((b = peek()) == ' ' || b == '\t') {
                pos++;
            }
            if (b == '{' || b == '[') {
                lineDelimited = true;
                return topLevelObjectOrArrayOnLine(start, prefix);
            }
        }
        return restOfLineAsGarbage(start, "not JSON");
    }

    private Frame topLevelObjectOrArrayOnLine(long start, String prefix) throws IOException {
        if (peek() == '{') {
            return topLevelObject(start, prefix);
        }
        value.reset();
        return finishValue(start, prefix, null);
    }

    private static boolean looksLikeTimestamp(String token) {
        if (token.isEmpty()) {
            return false;
        }
        char first = token.charAt(0);
        return Character.isDigit(first) && (Timestamps.parse(token) != null || Timestamps.parseEpoch(token) != null);
    }

    /**
     * A top-level object: either a single value, or an envelope whose array is then streamed. The fields before the
     * array are kept (bounded) so that e.g. {@code logGroup} and {@code messageType} travel with every element.
     */
    private Frame topLevelObject(long start, String prefix) throws IOException {
        value.reset();
        value.append((byte) '{');
        pos++;
        int lastEntryEnd = value.length();
        while (true) {
            if (skipWhitespaceInto(value) && lineDelimited) {
                return brokenLine(start);
            }
            int b = peek();
            if (b < 0) {
                return truncated(start);
            }
            if (b == '}') {
                pos++;
                value.append((byte) '}');
                return completeTopValue(start, prefix);
            }
            if (b == ',') {
                lastEntryEnd = value.length();
                pos++;
                value.append((byte) ',');
                continue;
            }
            if (b != '"') {
                return restOfLineAsGarbage(start, "malformed JSON object");
            }
            int keyStart = value.length();
            ScanResult key = scanString(value);
            if (key != ScanResult.COMPLETE) {
                return key == ScanResult.EOF ? truncated(start) : brokenLine(start);
            }
            String keyText =
                    new String(value.bytes(), keyStart + 1, value.length() - keyStart - 2, StandardCharsets.UTF_8);
            skipWhitespaceInto(value);
            if (peek() != ':') {
                return restOfLineAsGarbage(start, "malformed JSON object");
            }
            pos++;
            value.append((byte) ':');
            skipWhitespaceInto(value);
            if (ENVELOPE_ARRAYS.contains(keyText) && peek() == '[') {
                pos++;
                envelope = envelopeOf(value, keyStart > 1 ? lastEntryEnd : 1);
                mode = Mode.ENVELOPE_ARRAY;
                firstTopValue = false;
                return CONTINUE;
            }
            ScanResult result = scanValue(value);
            if (result == ScanResult.EOF) {
                return truncated(start);
            }
            if (result == ScanResult.BROKEN_LINE) {
                return brokenLine(start);
            }
        }
    }

    /** The envelope's fields read so far as a small JSON object, or null when it had none. */
    private static byte[] envelopeOf(ByteBuffer buffer, int entriesEnd) {
        if (buffer.overflowed() || entriesEnd <= 1) {
            return null;
        }
        byte[] json = Arrays.copyOf(buffer.bytes(), entriesEnd + 1);
        json[entriesEnd] = '}';
        return json;
    }

    private Frame nextArrayElement() throws IOException {
        while (true) {
            skipWhitespace();
            int b = peek();
            if (b < 0) {
                value.reset();
                return truncated(position());
            }
            if (b == ',') {
                pos++;
                continue;
            }
            if (b == ']') {
                pos++;
                if (mode == Mode.ENVELOPE_ARRAY) {
                    Frame rest = skipRestOfEnvelope();
                    mode = Mode.TOP;
                    envelope = null;
                    return rest;
                }
                mode = Mode.TOP;
                return CONTINUE;
            }
            long start = position();
            value.reset();
            return finishValue(start, null, mode == Mode.ENVELOPE_ARRAY ? envelope : null);
        }
    }

    /** After an envelope's array: the remaining fields are read and dropped, up to the envelope's closing brace. */
    private Frame skipRestOfEnvelope() throws IOException {
        long start = position();
        ByteBuffer sink = new ByteBuffer(Quarantined.MAX_EXCERPT);
        while (true) {
            skipWhitespaceInto(sink);
            int b = peek();
            if (b < 0) {
                return truncated(start);
            }
            pos++;
            if (b == '}') {
                return CONTINUE;
            }
            if (b == '"' || b == '{' || b == '[') {
                pos--;
                if (scanValue(sink) == ScanResult.EOF) {
                    return truncated(start);
                }
            }
        }
    }

    private Frame finishValue(long start, String prefix, byte[] env) throws IOException {
        ScanResult result = scanValue(value);
        switch (result) {
            case EOF:
                return truncated(start);
            case BROKEN_LINE:
                return brokenLine(start);
            default:
                break;
        }
        if (mode == Mode.TOP) {
            return completeTopValue(start, prefix);
        }
        if (value.overflowed()) {
            return new Frame.Oversized(start, value.length(), Frame.excerpt(value.bytes(), value.kept()));
        }
        return new Frame.Value(value.copy(), start, prefix, env);
    }

    private Frame completeTopValue(long start, String prefix) {
        firstTopValue = false;
        lastValueWasOneLine = !value.sawNewline();
        if (value.overflowed()) {
            return new Frame.Oversized(start, value.length(), Frame.excerpt(value.bytes(), value.kept()));
        }
        return new Frame.Value(value.copy(), start, prefix, null);
    }

    private Frame truncated(long start) {
        mode = Mode.TOP;
        return new Frame.Garbage(start, "truncated JSON at end of input", Frame.excerpt(value.bytes(), value.kept()));
    }

    /** A value that broke off at a line end in line-delimited input: report it, resume on the next line. */
    private Frame brokenLine(long start) {
        mode = Mode.TOP;
        return new Frame.Garbage(start, "malformed JSON line", Frame.excerpt(value.bytes(), value.kept()));
    }

    private Frame restOfLineAsGarbage(long start, String reason) throws IOException {
        int b;
        while ((b = peek()) >= 0 && b != '\n') {
            value.append((byte) b);
            pos++;
        }
        mode = Mode.TOP;
        firstTopValue = false;
        return new Frame.Garbage(start, reason, Frame.excerpt(value.bytes(), value.kept()));
    }

    private enum ScanResult {
        COMPLETE,
        EOF,
        BROKEN_LINE
    }

    /** Scans one JSON value (object, array, string or scalar) into {@code out}, tracking nesting and strings only. */
    private ScanResult scanValue(ByteBuffer out) throws IOException {
        int b = peek();
        if (b < 0) {
            return ScanResult.EOF;
        }
        if (b == '"') {
            return scanString(out);
        }
        if (b != '{' && b != '[') {
            return scanScalar(out);
        }
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            if (pos >= limit && !fill()) {
                return ScanResult.EOF;
            }
            byte c = buf[pos++];
            out.append(c);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                } else if (c == '\n' && lineDelimited) {
                    return ScanResult.BROKEN_LINE;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (--depth == 0) {
                        return ScanResult.COMPLETE;
                    }
                }
                case '\n' -> {
                    out.markNewline();
                    if (lineDelimited && mode == Mode.TOP) {
                        return ScanResult.BROKEN_LINE;
                    }
                }
                default -> {}
            }
        }
    }

    private ScanResult scanString(ByteBuffer out) throws IOException {
        boolean escaped = false;
        out.append((byte) '"');
        pos++;
        while (true) {
            if (pos >= limit && !fill()) {
                return ScanResult.EOF;
            }
            byte c = buf[pos++];
            out.append(c);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                return ScanResult.COMPLETE;
            } else if (c == '\n') {
                return ScanResult.BROKEN_LINE;
            }
        }
    }

    private ScanResult scanScalar(ByteBuffer out) throws IOException {
        int b;
        while ((b = peek()) >= 0 && b != ',' && b != ']' && b != '}' && b > ' ') {
            out.append((byte) b);
            pos++;
        }
        return ScanResult.COMPLETE;
    }

    /** Skips whitespace, a UTF-8 byte-order mark and stray separators; true if a line end was passed. */
    private boolean skipWhitespace() throws IOException {
        boolean newline = false;
        int b;
        while ((b = peek()) >= 0) {
            if (b == '\n') {
                newline = true;
            } else if (b != ' ' && b != '\t' && b != '\r' && b != 0xEF && b != 0xBB && b != 0xBF) {
                break;
            }
            pos++;
        }
        return newline;
    }

    /** Copies whitespace into {@code out}; true if a line end was among it. */
    private boolean skipWhitespaceInto(ByteBuffer out) throws IOException {
        boolean newline = false;
        int b;
        while ((b = peek()) == ' ' || b == '\t' || b == '\r' || b == '\n') {
            if (b == '\n') {
                out.markNewline();
                newline = true;
            }
            out.append((byte) b);
            pos++;
        }
        return newline;
    }

    private int peek() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos] & 0xFF;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        consumedBefore += limit;
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        limit = n;
        return true;
    }

    /** Bytes of the decompressed stream consumed so far. */
    public long position() {
        return consumedBefore + pos;
    }

    /** A growable byte buffer that stops keeping bytes past its cap but keeps counting them. */
    static final class ByteBuffer {
        private final int cap;
        private byte[] bytes = new byte[4096];
        private int length;
        private boolean newline;

        ByteBuffer(int cap) {
            this.cap = cap;
        }

        void append(byte b) {
            if (length < cap) {
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.min(cap, bytes.length * 2));
                }
                bytes[length] = b;
            }
            length++;
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

        int length() {
            return length;
        }

        int kept() {
            return Math.min(length, cap);
        }

        boolean overflowed() {
            return length > cap;
        }

        byte[] bytes() {
            return bytes;
        }

        byte[] copy() {
            return Arrays.copyOf(bytes, length);
        }
    }
}
