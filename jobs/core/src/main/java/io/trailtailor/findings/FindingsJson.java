package io.trailtailor.findings;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code findings.json}: the findings as an array of objects, every {@link Finding} field under its record name
 * (FINDINGS.md "Output shapes"), enums as their names, times as ISO-8601; read back for {@code --baseline}.
 */
public final class FindingsJson {

    private FindingsJson() {}

    public static void write(List<Finding> findings, OutputStream out) {
        throw new UnsupportedOperationException("TODO(wip/iam): findings.json writer");
    }

    public static List<Finding> read(InputStream in) {
        throw new UnsupportedOperationException("TODO(wip/iam): findings.json reader");
    }
}
