package io.trailtailor.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The time a log shipper left in place of a CloudTrail record's {@code eventTime}. Shippers parse the record's time
 * into their own field and often drop the original:
 *
 * <ul>
 *   <li>Logstash and Elastic: the {@code date} filter writes {@code @timestamp} (its default target), usually with
 *       {@code remove_field => ["eventTime"]};
 *   <li>Fluent Bit: a parser's {@code Time_Key} removes the field unless {@code Time_Keep} is on; outputs write the
 *       time back as {@code @timestamp} (Elasticsearch) or {@code date} (file, HTTP, S3: epoch seconds as a double,
 *       or {@code epoch}, {@code epoch_ms}, {@code iso8601}, {@code java_sql_timestamp}); Fluentd's is {@code time};
 *   <li>Vector: {@code timestamp} (its log schema's {@code timestamp_key}), RFC 3339;
 *   <li>Splunk: {@code _time} in search exports, {@code time} (epoch seconds, fraction allowed) in HEC events.
 * </ul>
 *
 * Read only when {@code eventTime} is absent: a record that has one keeps it, readable or not.
 */
public final class ShipperTime {

    /** Most specific first: {@code time} and {@code date} are the most generic names. */
    static final List<String> FIELDS = List.of("@timestamp", "timestamp", "_time", "time", "date");

    private static final Pattern EPOCH = Pattern.compile("\\d{9,16}(\\.\\d{1,9})?");
    /** Fluent Bit's {@code java_sql_timestamp} and similar: a space between date and time, UTC. */
    private static final Pattern SPACED = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:.*");

    /** A time found in a shipper's field. */
    public record Found(String field, Instant time) {}

    private ShipperTime() {}

    /** The first shipper time field that holds a readable time, or empty. */
    public static Optional<Found> of(JsonNode record) {
        for (String field : FIELDS) {
            Instant t = parse(record.get(field));
            if (t != null) {
                return Optional.of(new Found(field, t));
            }
        }
        return Optional.empty();
    }

    /**
     * Gives a record without {@code eventTime} the time its shipper kept ({@link #of}), in ISO-8601; true when it did.
     * A record with no time at all is left as it is (and rejected for it).
     */
    public static boolean restoreEventTime(JsonNode record) {
        if (!(record instanceof ObjectNode object) || hasText(object.get("eventTime"))) {
            return false;
        }
        Optional<Found> found = of(object);
        found.ifPresent(f -> object.put("eventTime", f.time().toString()));
        return found.isPresent();
    }

    /** A time as shippers write it: ISO-8601 text (with or without zone), or epoch seconds or milliseconds. */
    static Instant parse(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return epoch(value.decimalValue());
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        String text = value.asText().trim();
        if (EPOCH.matcher(text).matches()) {
            return epoch(new BigDecimal(text));
        }
        if (SPACED.matcher(text).matches()) {
            text = text.replaceFirst(" ", "T");
        }
        return Timestamps.parse(text);
    }

    /** Seconds (with any fraction), or milliseconds when the integer part has more than 11 digits. */
    private static Instant epoch(BigDecimal value) {
        if (value.signum() <= 0 || value.precision() - value.scale() > 16) {
            return null;
        }
        BigDecimal seconds = value.precision() - value.scale() > 11 ? value.movePointLeft(3) : value;
        long whole = seconds.longValue();
        long nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static boolean hasText(JsonNode node) {
        return node != null
                && !node.isNull()
                && !(node.isTextual() && node.asText().isBlank());
    }
}
