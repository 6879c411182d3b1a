package io.trailtailor.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Log files of every layout built from the fixtures, with the byte range of each record, and random damage to them
 * that keeps track of which records it left intact. For the fuzz tests of the framer and the reader.
 */
final class RealShapedInput {

    /** One input: its bytes and the {@code [start, end)} range of every record still intact. */
    record Sample(String layout, byte[] bytes, List<long[]> intact) {}

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<long[]> records = new ArrayList<>();

    private RealShapedInput() {}

    static List<Sample> all() {
        List<JsonNode> trail = elements(Fixtures.bytes("cloudtrail-envelope.json"), "Records");
        List<JsonNode> audit = lines(Fixtures.bytes("audit-kube-apiserver.jsonl"));
        JsonNode batch = tree(Fixtures.bytes("firehose-member-1.json"));
        List<Sample> samples = new ArrayList<>();
        samples.add(envelope("trail file", "{\"Records\":[", trail, ",", "]}", false));
        samples.add(envelope("pretty-printed trail file", "{\n  \"Records\" : [ ", trail, ", ", " ]\n}\n", true));
        samples.add(envelope("JSON array", "[", trail, ",", "]\n", false));
        samples.add(envelope("CloudTrail JSON lines", "", trail, "\n", "\n", false));
        samples.add(envelope("audit JSON lines", "", audit, "\n", "\n", false));
        RealShapedInput export = new RealShapedInput();
        long millis = 1632731804021L;
        for (JsonNode event : audit) {
            export.text(Instant.ofEpochMilli(millis++) + " ");
            export.record(event, false);
            export.text("\n");
        }
        samples.add(export.sample("CloudWatch Logs export lines"));
        String header = header(batch);
        List<JsonNode> logEvents = elements(Fixtures.bytes("firehose-member-1.json"), "logEvents");
        samples.add(envelope("CloudWatch Logs subscription batch", header, logEvents, ",", "]}", false));
        RealShapedInput firehose = new RealShapedInput();
        for (int i = 0; i < 3; i++) {
            firehose.text(header);
            for (int j = 0; j < logEvents.size(); j++) {
                firehose.text(j == 0 ? "" : ",");
                firehose.record(logEvents.get(j), false);
            }
            firehose.text("]}");
        }
        samples.add(firehose.sample("Firehose objects back to back"));
        return samples;
    }

    private static Sample envelope(
            String layout, String open, List<JsonNode> elements, String separator, String close, boolean pretty) {
        RealShapedInput in = new RealShapedInput();
        in.text(open);
        for (int i = 0; i < elements.size(); i++) {
            in.text(i == 0 ? "" : separator);
            in.record(elements.get(i), pretty);
        }
        in.text(close);
        return in.sample(layout);
    }

    /** The CloudWatch envelope's fields before its array, up to and including {@code "logEvents":[}. */
    private static String header(JsonNode batch) {
        StringBuilder s = new StringBuilder("{");
        Iterator<String> names = batch.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("logEvents")) {
                s.append('"').append(name).append("\":").append(batch.get(name)).append(',');
            }
        }
        return s.append("\"logEvents\":[").toString();
    }

    private void text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void record(JsonNode node, boolean pretty) {
        try {
            byte[] bytes = pretty
                    ? Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(node)
                    : Json.MAPPER.writeValueAsBytes(node);
            records.add(new long[] {out.size(), out.size() + bytes.length});
            out.writeBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Sample sample(String layout) {
        return new Sample(layout, out.toByteArray(), List.copyOf(records));
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> elements(byte[] json, String array) {
        List<JsonNode> out = new ArrayList<>();
        tree(json).get(array).forEach(out::add);
        return out;
    }

    private static List<JsonNode> lines(byte[] jsonLines) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(jsonLines, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(tree(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** Bytes that make damage interesting to a framer: structure, escapes, line ends, invalid UTF-8. */
    private static final byte[] NASTY = "{}[]\",:\\\n \u0000".getBytes(StandardCharsets.UTF_8);

    /** One to three random edits of {@code sample}; records an edit touches are no longer intact. */
    static Sample damage(Sample sample, Random random, StringBuilder log) {
        byte[] bytes = sample.bytes();
        List<long[]> intact = sample.intact();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && bytes.length > 0; i++) {
            // half the edits hit a record's edge, where structure is and damage is hardest to frame around
            int at = random.nextBoolean() && !intact.isEmpty()
                    ? edge(intact.get(random.nextInt(intact.size())), random, bytes.length)
                    : random.nextInt(bytes.length + 1);
            byte[] insert;
            int remove;
            switch (random.nextInt(6)) {
                case 0 -> { // byte flip
                    at = Math.min(at, bytes.length - 1);
                    remove = 1;
                    insert = new byte[] {(byte) (bytes[at] ^ (1 << random.nextInt(8)))};
                    log.append(" flip@").append(at);
                }
                case 1 -> { // truncation
                    remove = bytes.length - at;
                    insert = new byte[0];
                    log.append(" truncate@").append(at);
                }
                case 2 -> { // random garbage
                    remove = 0;
                    insert = new byte[1 + random.nextInt(16)];
                    random.nextBytes(insert);
                    log.append(" garbage@").append(at).append('+').append(insert.length);
                }
                case 3 -> { // structural bytes
                    remove = random.nextInt(2);
                    at = Math.min(at, bytes.length - remove);
                    insert = new byte[1 + random.nextInt(3)];
                    for (int k = 0; k < insert.length; k++) {
                        insert[k] = NASTY[random.nextInt(NASTY.length)];
                    }
                    log.append(" nasty@")
                            .append(at)
                            .append('-')
                            .append(remove)
                            .append('+')
                            .append(insert.length);
                }
                case 4 -> { // a duplicated chunk
                    int from = random.nextInt(bytes.length);
                    int to = Math.min(bytes.length, from + 1 + random.nextInt(4096));
                    remove = 0;
                    insert = Arrays.copyOfRange(bytes, from, to);
                    log.append(" dup[")
                            .append(from)
                            .append(',')
                            .append(to)
                            .append(")@")
                            .append(at);
                }
                default -> { // a deleted chunk
                    at = Math.min(at, bytes.length - 1);
                    remove = Math.min(bytes.length - at, 1 + random.nextInt(64));
                    insert = new byte[0];
                    log.append(" delete@").append(at).append('-').append(remove);
                }
            }
            bytes = splice(bytes, at, remove, insert);
            intact = shift(intact, at, remove, insert.length);
        }
        return new Sample(sample.layout(), bytes, intact);
    }

    private static int edge(long[] record, Random random, int length) {
        long at = record[random.nextInt(2)] + random.nextInt(3) - 1;
        return (int) Math.max(0, Math.min(length, at));
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }

    private static List<long[]> shift(List<long[]> ranges, int at, int remove, int inserted) {
        List<long[]> out = new ArrayList<>();
        for (long[] r : ranges) {
            if (r[1] <= at) {
                out.add(r);
            } else if (r[0] >= at + remove) {
                out.add(new long[] {r[0] - remove + inserted, r[1] - remove + inserted});
            }
        }
        return out;
    }
}
