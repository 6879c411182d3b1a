package io.trailtailor.flink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The Markdown table of a {@code bench.json}: the figures issue 7 sets targets for, beside their targets, so that the
 * README and a ticket can show one run as it was measured (ratios within one run, on one machine).
 */
public final class BenchTable {

    private BenchTable() {}

    /** The table (and the machine it ran on) for one bench report. */
    public static String markdown(JsonNode report) {
        StringBuilder md = new StringBuilder();
        JsonNode machine = report.path("machine");
        md.append(String.format(
                Locale.ROOT,
                "Machine: %d cores, %s, analyze with %s, load average %.1f at start.%n%n",
                machine.path("cores").asInt(),
                machine.path("java").asText(),
                machine.path("analyzeHeap").asText(),
                machine.path("loadAverageAtStart").asDouble()));
        md.append("| run | records | seconds | records/s | x floor | x first run | peak RSS MiB | target |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        JsonNode floor = report.path("floor");
        row(
                md,
                "floor: gunzip + JSON token walk, 1 thread",
                floor.path("records").asLong(),
                floor.path("seconds").asDouble(),
                floor.path("recordsPerSecond").asDouble(),
                1.0,
                null,
                null,
                "");
        row(
                md,
                "core reader alone (parse + normalize), 1 thread",
                floor.path("records").asLong(),
                floor.path("parseSeconds").asDouble(),
                floor.path("parseRecordsPerSecond").asDouble(),
                floor.path("parseRecordsPerSecond").asDouble()
                        / floor.path("recordsPerSecond").asDouble(),
                null,
                null,
                "");
        for (JsonNode run : report.path("analyze")) {
            int p = run.path("parallelism").asInt();
            String target = p == 1 ? ">= 0.30 x floor" : p == 2 ? ">= 1.6 x parallelism 1" : "";
            row(
                    md,
                    "analyze, parallelism " + p,
                    run.path("records").asLong(),
                    run.path("seconds").asDouble(),
                    run.path("recordsPerSecond").asDouble(),
                    run.path("ratioToFloor").asDouble(),
                    run.has("speedupOverFirst") ? run.path("speedupOverFirst").asDouble() : null,
                    run.path("peakRssMiB").asLong(),
                    target);
        }
        JsonNode scaling = report.path("scaling");
        if (!scaling.isMissingNode()) {
            JsonNode big = scaling.path("analyze");
            row(
                    md,
                    String.format(
                            Locale.ROOT,
                            "analyze, parallelism 1, %.0fx the records",
                            scaling.path("recordsRatio").asDouble()),
                    big.path("records").asLong(),
                    big.path("seconds").asDouble(),
                    big.path("recordsPerSecond").asDouble(),
                    big.path("ratioToFloor").asDouble(),
                    null,
                    big.path("peakRssMiB").asLong(),
                    String.format(
                            Locale.ROOT,
                            "time %.1f x (<= 11 x at 10 x), RSS <= 1536 MiB",
                            scaling.path("secondsRatio").asDouble()));
        }
        return md.toString();
    }

    private static void row(
            StringBuilder md,
            String name,
            long records,
            double seconds,
            double rate,
            double ratio,
            Double speedup,
            Long rssMiB,
            String target) {
        md.append(String.format(
                Locale.ROOT,
                "| %s | %,d | %.1f | %,.0f | %.2f | %s | %s | %s |%n",
                name,
                records,
                seconds,
                rate,
                ratio,
                speedup == null ? "" : String.format(Locale.ROOT, "%.2f", speedup),
                rssMiB == null ? "" : String.format(Locale.ROOT, "%,d", rssMiB),
                target));
    }
}
