package io.trailtailor.findings;

import java.io.BufferedReader;
import java.io.Reader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of {@code aws iam get-credential-report} (CSV, decoded), one map per user keyed by the report's column
 * names ({@code user}, {@code arn}, {@code password_last_used}, {@code access_key_1_active} ...). Values are kept as
 * written; {@link #time} and {@link #flag} read them, treating the report's {@code N/A}, {@code no_information} and
 * {@code not_supported} as "no value".
 */
public record CredentialReport(List<Map<String, String>> rows) {

    public CredentialReport {
        rows = rows.stream().map(Map::copyOf).toList();
    }

    /** Parses the CSV of {@code aws iam get-credential-report} (decoded from its base64 {@code Content}). */
    public static CredentialReport parse(Reader csv) {
        List<List<String>> lines = Csv.read(new BufferedReader(csv));
        if (lines.isEmpty()) return none();
        List<String> header = lines.get(0);
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i).trim(), i < line.size() ? line.get(i).trim() : "");
            }
            rows.add(row);
        }
        return new CredentialReport(rows);
    }

    public static CredentialReport none() {
        return new CredentialReport(List.of());
    }

    /** True for the report's placeholders: empty, {@code N/A}, {@code no_information}, {@code not_supported}. */
    public static boolean absent(String value) {
        return value == null
                || value.isBlank()
                || value.equalsIgnoreCase("N/A")
                || value.equalsIgnoreCase("no_information")
                || value.equalsIgnoreCase("not_supported");
    }

    /** A time column ({@code 2024-03-01T10:00:00+00:00}); empty for placeholders and anything unreadable. */
    public static Optional<Instant> time(Map<String, String> row, String column) {
        String v = row.get(column);
        if (absent(v)) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A boolean column ({@code true}/{@code false}); placeholders read as false. */
    public static boolean flag(Map<String, String> row, String column) {
        return "true".equalsIgnoreCase(row.get(column));
    }
}
