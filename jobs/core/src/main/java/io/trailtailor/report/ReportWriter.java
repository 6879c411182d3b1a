package io.trailtailor.report;

import java.nio.file.Path;

/**
 * Writes {@code report.html} and {@code report.md} into an output directory from the files already there: {@code
 * findings.json} (and {@code findings.resolved.json} when a baseline was given), {@code workloads.json} and the
 * policy and RBAC files the findings point at. Nothing else is read, so a report can be rebuilt from a copied output.
 */
public final class ReportWriter {

    private ReportWriter() {}

    /** The two files written. */
    public record Written(Path html, Path markdown) {}

    public static Written write(Path outputDirectory) {
        throw new UnsupportedOperationException("TODO(wip/report): report writer");
    }
}
