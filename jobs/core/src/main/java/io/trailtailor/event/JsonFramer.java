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
 *
 * <p>Every byte ends up in a frame or is structure between frames (whitespace, a byte-order mark, separators,
 * brackets, an envelope's own fields); damaged structure is reported as {@link Frame.Garbage}. Lengths are counted in
 * {@code long}, so no input size overflows.
 */
public final class JsonFramer {

    /** CloudTrail's own limit on one record is far below this; anything larger is not a record we can trust. */
    public static final int MAX_VALUE_BYTES = 1 << 20;

    private static final Set<String> ENVELOPE_ARRAYS = Set.of("Records", "logEvents", "Events", "items");
    private static final int MAX_LINE_PREFIX = 64;
    private static final int MAX_KEY_BYTES = 64;

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

    private final ByteArrayBuilder value = new ByteArrayBuilder(MAX_VALUE_BYTES);
    private final ByteArrayBuilder key = new ByteArrayBuilder(MAX_KEY_BYTES);

    public JsonFramer(InputStream decompressed) {
        this.in = decompressed;
    }

    /** The next frame, or null at the end of the stream. I/O errors (a broken gzip stream) propagate. */
    public Frame next() throws IOException {
        while (true) {
            Frame frame = mode == Mode.TOP ? nextTopLevel() : nextArrayElement();
            if (frame != CONTINUE) {
                return frame;
            }
        }
    }

    /** Sentinel: the state machine moved on without producing a frame. */
    private static final Frame CONTINUE = new Frame.Garbage(-1, -1, "", "");

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
        String prefix = new String(value.bytes(), 0, value.kept(), StandardCharsets.UTF_8);
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
        return first >= '0'
                && first <= '9'
                && (Timestamps.parse(token) != null || Timestamps.parseEpoch(token) != null);
    }

    /**
     * A top-level object: either a single value, or an envelope whose array is then streamed. The fields before the
     * array are kept (bounded) so that e.g. {@code logGroup} and {@code messageType} travel with every element. Keys
     * are also read into a small buffer of their own, so an envelope is recognized behind fields of any size.
     */
    private Frame topLevelObject(long start, String prefix) throws IOException {
        value.reset();
        value.append((byte) '{');
        pos++;
        long lastEntryEnd = value.length();
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
            key.reset();
            ScanResult keyScan = scanString(value, key);
            if (keyScan != ScanResult.COMPLETE) {
                return keyScan == ScanResult.EOF ? truncated(start) : brokenLine(start);
            }
            skipWhitespaceInto(value);
            if (peek() != ':') {
                return restOfLineAsGarbage(start, "malformed JSON object");
            }
            pos++;
            value.append((byte) ':');
            skipWhitespaceInto(value);
            if (isEnvelopeKey(key) && peek() == '[') {
                pos++;
                envelope = envelopeOf(value, lastEntryEnd);
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

    /** True when the quoted key in {@code quoted} names an envelope array. */
    private static boolean isEnvelopeKey(ByteArrayBuilder quoted) {
        if (quoted.overflowed() || quoted.kept() < 2) {
            return false;
        }
        String name = new String(quoted.bytes(), 1, quoted.kept() - 2, StandardCharsets.UTF_8);
        return ENVELOPE_ARRAYS.contains(name);
    }

    /** The envelope's fields read so far as a small JSON object, or null when it had none or they were too large. */
    private static byte[] envelopeOf(ByteArrayBuilder buffer, long entriesEnd) {
        if (buffer.overflowed() || entriesEnd <= 1) {
            return null;
        }
        byte[] json = Arrays.copyOf(buffer.bytes(), (int) entriesEnd + 1);
        json[(int) entriesEnd] = '}';
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
            long start = position();
            if (b == ']') {
                pos++;
                if (mode == Mode.ENVELOPE_ARRAY) {
                    return skipRestOfEnvelope(start);
                }
                mode = Mode.TOP;
                return CONTINUE;
            }
            if (b == '}') {
                // a brace where an element belongs: damage; the elements after it are still read
                pos++;
                return new Frame.Garbage(start, position(), "unexpected '}' in array", "}");
            }
            value.reset();
            return finishValue(start, null, mode == Mode.ENVELOPE_ARRAY ? envelope : null);
        }
    }

    /**
     * After an envelope's array: the remaining fields (such as {@code NextToken}) are read and dropped, up to the
     * envelope's closing brace; another envelope array among them is streamed like the first. Anything else there is
     * damage and is reported; when a record follows it, the array was closed early by that damage and reading goes
     * back into it, so the records after it are not lost.
     */
    private Frame skipRestOfEnvelope(long arrayEnd) throws IOException {
        ByteArrayBuilder skipped = new ByteArrayBuilder(Quarantined.MAX_EXCERPT);
        skipped.append((byte) ']');
        boolean damaged = false;
        while (true) {
            skipWhitespaceInto(skipped);
            int b = peek();
            if (b < 0) {
                mode = Mode.TOP;
                return new Frame.Garbage(arrayEnd, position(), "truncated JSON at end of input", excerptOf(skipped));
            }
            if (b == '}') {
                pos++;
                skipped.append((byte) '}');
                mode = Mode.TOP;
                envelope = null;
                return damaged
                        ? new Frame.Garbage(arrayEnd, position(), "malformed envelope", excerptOf(skipped))
                        : CONTINUE;
            }
            if (b == '{') {
                // a record where a field name belongs: the ']' before it did not end the array
                return new Frame.Garbage(arrayEnd, position(), "malformed envelope", excerptOf(skipped));
            }
            if (b == ',') {
                pos++;
                skipped.append((byte) ',');
                continue;
            }
            Field field = b == '"' ? skipField(skipped) : Field.NONE;
            if (field == Field.ARRAY) {
                return damaged
                        ? new Frame.Garbage(arrayEnd, position(), "malformed envelope", excerptOf(skipped))
                        : CONTINUE;
            }
            if (field == Field.NONE) {
                damaged = true;
                if (b != '"') {
                    pos++;
                    skipped.append((byte) b);
                }
            }
        }
    }

    /** What {@link #skipField} found: a field, an envelope array (now being streamed), or no field at all. */
    private enum Field {
        SKIPPED,
        ARRAY,
        NONE
    }

    /** Reads one {@code "name": value} field into {@code out}; what was read stays read even when it is no field. */
    private Field skipField(ByteArrayBuilder out) throws IOException {
        key.reset();
        if (scanString(out, key) != ScanResult.COMPLETE) {
            return Field.NONE;
        }
        skipWhitespaceInto(out);
        if (peek() != ':') {
            return Field.NONE;
        }
        pos++;
        out.append((byte) ':');
        skipWhitespaceInto(out);
        int b = peek();
        if (b == '[' && isEnvelopeKey(key)) {
            pos++;
            return Field.ARRAY; // mode stays ENVELOPE_ARRAY, with the same envelope fields
        }
        if (b < 0 || b == '}' || b == ',') {
            return Field.NONE;
        }
        return scanValue(out) == ScanResult.COMPLETE ? Field.SKIPPED : Field.NONE;
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
            return new Frame.Oversized(start, position(), value.length(), excerptOf(value));
        }
        return new Frame.Value(value.copy(), start, position(), prefix, env);
    }

    private Frame completeTopValue(long start, String prefix) {
        firstTopValue = false;
        lastValueWasOneLine = !value.sawNewline();
        if (value.overflowed()) {
            return new Frame.Oversized(start, position(), value.length(), excerptOf(value));
        }
        return new Frame.Value(value.copy(), start, position(), prefix, null);
    }

    private Frame truncated(long start) {
        mode = Mode.TOP;
        return new Frame.Garbage(start, position(), "truncated JSON at end of input", excerptOf(value));
    }

    /** A value that broke off at a line end in line-delimited input: report it, resume on the next line. */
    private Frame brokenLine(long start) {
        mode = Mode.TOP;
        return new Frame.Garbage(start, position(), "malformed JSON line", excerptOf(value));
    }

    private Frame restOfLineAsGarbage(long start, String reason) throws IOException {
        int b;
        while ((b = peek()) >= 0 && b != '\n') {
            value.append((byte) b);
            pos++;
        }
        mode = Mode.TOP;
        firstTopValue = false;
        return new Frame.Garbage(start, position(), reason, excerptOf(value));
    }

    private static String excerptOf(ByteArrayBuilder bytes) {
        return Frame.excerpt(bytes.bytes(), bytes.kept());
    }

    private enum ScanResult {
        COMPLETE,
        EOF,
        BROKEN_LINE
    }

    /** Scans one JSON value (object, array, string or scalar) into {@code out}, tracking nesting and strings only. */
    private ScanResult scanValue(ByteArrayBuilder out) throws IOException {
        int b = peek();
        if (b < 0) {
            return ScanResult.EOF;
        }
        if (b == '"') {
            return scanString(out, null);
        }
        if (b != '{' && b != '[') {
            return scanScalar(out);
        }
        long depth = 0;
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            if (pos >= limit && !fill()) {
                return ScanResult.EOF;
            }
            if (inString && !escaped && copyPlainStringBytes(out)) {
                continue; // the buffer ran out inside the string
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

    /** Scans a string, quotes included, into {@code out} and, when not null, into {@code copy}. */
    private ScanResult scanString(ByteArrayBuilder out, ByteArrayBuilder copy) throws IOException {
        boolean escaped = false;
        out.append((byte) '"');
        if (copy != null) {
            copy.append((byte) '"');
        }
        pos++;
        while (true) {
            if (pos >= limit && !fill()) {
                return ScanResult.EOF;
            }
            if (!escaped && copy == null && copyPlainStringBytes(out)) {
                continue;
            }
            byte c = buf[pos++];
            out.append(c);
            if (copy != null) {
                copy.append(c);
            }
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

    /**
     * Copies the run of string bytes from {@code pos} that need no attention (not a quote, backslash or line end) in
     * one step, as strings are most of every record; true if the run reached the end of the buffer.
     */
    private boolean copyPlainStringBytes(ByteArrayBuilder out) {
        int end = PlainStringBytes.end(buf, pos, limit);
        out.append(buf, pos, end - pos);
        pos = end;
        return end >= limit;
    }

    /** A number, literal or stray token: up to the next separator or whitespace (control bytes belong to it). */
    private ScanResult scanScalar(ByteArrayBuilder out) throws IOException {
        int b;
        while ((b = peek()) >= 0 && b != ',' && b != ']' && b != '}' && !isWhitespace(b)) {
            out.append((byte) b);
            pos++;
        }
        return ScanResult.COMPLETE;
    }

    private static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** Skips whitespace and UTF-8 byte-order marks; true if a line end was passed. */
    private boolean skipWhitespace() throws IOException {
        boolean newline = false;
        int b;
        while ((b = peek()) >= 0) {
            if (b == '\n') {
                newline = true;
            } else if (b == 0xEF && isByteOrderMark()) {
                pos += 2; // and the third byte below
            } else if (!isWhitespace(b)) {
                break;
            }
            pos++;
        }
        return newline;
    }

    /** True when the three bytes at {@code pos} are EF BB BF; a lone EF or BB is not skipped but framed as garbage. */
    private boolean isByteOrderMark() throws IOException {
        return ensure(3) && (buf[pos + 1] & 0xFF) == 0xBB && (buf[pos + 2] & 0xFF) == 0xBF;
    }

    /** Copies whitespace into {@code out}; true if a line end was among it. */
    private boolean skipWhitespaceInto(ByteArrayBuilder out) throws IOException {
        boolean newline = false;
        int b;
        while (isWhitespace(b = peek())) {
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

    /** Makes {@code n} bytes from {@code pos} available, moving the unread rest to the front; false at the end. */
    private boolean ensure(int n) throws IOException {
        while (limit - pos < n) {
            if (eof) {
                return false;
            }
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumedBefore += pos;
            limit -= pos;
            pos = 0;
            int read = in.read(buf, limit, buf.length - limit);
            if (read <= 0) {
                eof = true;
                return false;
            }
            limit += read;
        }
        return true;
    }

    /** Bytes of the decompressed stream consumed so far. */
    public long position() {
        return consumedBefore + pos;
    }
}
