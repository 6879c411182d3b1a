package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * CloudTrail records that reached the bucket through a log shipper (Logstash, Elastic Agent) instead of the trail:
 * JSON lines, one record per line, {@code eventTime} moved into {@code @timestamp} (with milliseconds, as Logstash
 * writes it) and a {@code @version}, every other field kept. One gzip file per event day:
 * {@code cloudtrail-shipped/logstash-cloudtrail-YYYY.MM.DD.jsonl.gz}.
 *
 * <p>Which records are shipped is drawn from a random of its own, so the main simulation is the same with or without
 * the shipper: the records are split between trail and shipper, never copied.
 */
final class ShippedSink {
    /** Share of records delivered by the shipper rather than the trail. */
    static final double SHARE = 0.10;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final Path root;
    private final SplittableRandom rnd;
    private final JsonFactory json = new JsonFactory();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
    private final TreeMap<String, OutputStream> days = new TreeMap<>();
    int files;
    long recordsWritten;

    ShippedSink(Path root, long seed) {
        this.root = root;
        this.rnd = new SplittableRandom(seed ^ 0x51A4_7E5L);
    }

    /** Whether the next record goes through the shipper. */
    boolean takes() {
        return rnd.nextDouble() < SHARE;
    }

    /**
     * Rewrite one serialized trail record as the shipper does and append it to its day's file.
     *
     * @param eventTime the record's event time in epoch milliseconds (CloudTrail writes it to the second)
     */
    void add(byte[] record, long eventTime) throws IOException {
        Instant time = Instant.ofEpochMilli(eventTime - Math.floorMod(eventTime, 1000L));
        buf.reset();
        try (JsonParser p = json.createParser(record);
                JsonGenerator g = json.createGenerator(buf)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a CloudTrail record is a JSON object");
            }
            g.writeStartObject();
            g.writeStringField("@timestamp", TIMESTAMP.format(time));
            g.writeStringField("@version", "1");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("eventTime")) {
                    p.skipChildren();
                } else {
                    g.writeFieldName(name);
                    g.copyCurrentStructure(p);
                }
            }
            g.writeEndObject();
        }
        String day = DAY.format(time);
        OutputStream file = days.get(day);
        if (file == null) {
            file = Gz.create(root.resolve("logstash-cloudtrail-" + day + ".jsonl.gz"));
            days.put(day, file);
            files++;
        }
        buf.write('\n');
        buf.writeTo(file);
        recordsWritten++;
    }

    void finish() throws IOException {
        for (OutputStream f : days.values()) {
            f.close();
        }
        days.clear();
    }
}
