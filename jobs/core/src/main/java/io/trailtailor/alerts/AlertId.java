package io.trailtailor.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An alert's id: SHA-256 over the rule id, the fields that make the alert one (subject, action, principal...) and
 * its bucket where a type has one (the UTC hour of {@code ACCESS_DENIED}). Never over {@code detectedAt}, event ids
 * or delivery order, so the same input gives the same id after any restart or redelivery.
 */
public final class AlertId {

    private AlertId() {}

    /** The hex SHA-256 of {@code rule} and {@code parts}, each preceded by its length so no two lists collide. */
    public static String of(String rule, String... parts) {
        StringBuilder s = new StringBuilder();
        s.append(rule.length()).append(':').append(rule);
        for (String p : parts) {
            String v = p == null ? "" : p;
            s.append('|').append(v.length()).append(':').append(v);
        }
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
