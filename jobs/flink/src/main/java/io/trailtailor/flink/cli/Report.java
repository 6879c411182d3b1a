package io.trailtailor.flink.cli;

import io.trailtailor.flink.analyze.AnalyzeRunner;

/** The one line a finished run prints: what went in, what came out, where. */
final class Report {

    private Report() {}

    static String oneLine(AnalyzeRunner.Outcome outcome) {
        var s = outcome.summary();
        return String.format(
                "trailtailor: %,d CloudTrail records from %,d files, %,d audit events from %,d files; "
                        + "%,d duplicates dropped, %,d quarantined, %,d files skipped; summary in %s",
                s.input("cloudtrailRecords"),
                s.input("cloudtrailFiles"),
                s.input("auditEvents"),
                s.input("auditFiles"),
                s.input("duplicates"),
                s.input("quarantined"),
                s.input("skippedFiles"),
                outcome.summaryFile());
    }
}
