package io.trailtailor.findings;

import java.util.List;
import java.util.Map;

/**
 * The rows of {@code aws iam get-credential-report} (CSV, decoded), one map per user keyed by the report's column
 * names ({@code user}, {@code arn}, {@code password_last_used}, {@code access_key_1_active} ...).
 */
public record CredentialReport(List<Map<String, String>> rows) {

    public CredentialReport {
        rows = rows.stream().map(Map::copyOf).toList();
    }

    /** Parses the CSV of {@code aws iam get-credential-report} (decoded from its base64 {@code Content}). */
    public static CredentialReport parse(java.io.Reader csv) {
        throw new UnsupportedOperationException("TODO(wip/iam): credential report parser");
    }

    public static CredentialReport none() {
        return new CredentialReport(List.of());
    }
}
