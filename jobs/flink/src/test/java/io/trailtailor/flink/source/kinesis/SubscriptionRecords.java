package io.trailtailor.flink.source.kinesis;

import io.trailtailor.event.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * CloudWatch Logs subscription records as a subscription filter puts them on a Kinesis stream (FORMATS.md): a
 * gzip'd JSON {@code DATA_MESSAGE} with one {@code logEvents[]} entry per log line, or the health-check {@code
 * CONTROL_MESSAGE} CloudWatch Logs sends first.
 */
public final class SubscriptionRecords {

    private SubscriptionRecords() {}

    /** A DATA_MESSAGE of {@code logGroup} whose log events carry {@code messages}, one each. */
    public static String data(String logGroup, String... messages) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < messages.length; i++) {
            events.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(i)
                    .append("\",\"timestamp\":1793700000000,\"message\":")
                    .append(Json.MAPPER.valueToTree(messages[i]).toString())
                    .append('}');
        }
        return "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111122223333\",\"logGroup\":\"" + logGroup
                + "\",\"logStream\":\"kube-apiserver-audit-0a1b2c\",\"subscriptionFilters\":[\"to-kinesis\"],"
                + "\"logEvents\":[" + events + "]}";
    }

    public static String control() {
        return "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\",\"logStream\":\"\","
                + "\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1793700000000,"
                + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.\"}]}";
    }

    /** The record's bytes as the subscription filter delivers them. */
    public static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
