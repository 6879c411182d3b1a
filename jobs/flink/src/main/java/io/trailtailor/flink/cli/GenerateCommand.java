package io.trailtailor.flink.cli;

import io.trailtailor.synthetic.GenerationResult;
import io.trailtailor.synthetic.Generator;
import io.trailtailor.synthetic.GeneratorOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailtailor generate}: synthetic CloudTrail and EKS audit logs with ground truth. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Writes realistic CloudTrail (S3 layout) and EKS audit logs (CloudWatch export and Firehose"
                + " layouts) for a simulated set of EKS workloads, with a truth/ directory of who made each call.")
final class GenerateCommand implements Callable<Integer> {

    @Option(
            names = "--scenario",
            paramLabel = "NAME",
            defaultValue = "eks-mixed",
            description = "eks-mixed (two accounts, regions and clusters, every credential mechanism) or tiny.")
    String scenario;

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Distinct CloudTrail records to write (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--days", paramLabel = "D", defaultValue = "1", description = "Days of activity (default 1).")
    int days;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default 42).")
    long seed;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            defaultValue = "2026-11-01T00:00:00Z",
            description = "Start of the simulated window (default ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--no-call-truth", description = "Skip truth/calls.jsonl.gz (for very large runs).")
    boolean noCallTruth;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GenerationResult result = generate(options(), out, spec.commandLine().getErr());
        spec.commandLine()
                .getErr()
                .printf(
                        "trailtailor: generated %,d CloudTrail records (%,d with redeliveries) in %,d"
                                + " files and %,d audit events in %,d files under %s%n",
                        result.cloudTrailRecords(),
                        result.cloudTrailRecordsWritten(),
                        result.cloudTrailFiles(),
                        result.auditEvents(),
                        result.auditFiles(),
                        out);
        return Main.OK;
    }

    GeneratorOptions options() {
        if (events < 0) {
            throw new UsageError("--events must not be negative, not " + events);
        }
        if (days < 1 || days > 3660) {
            throw new UsageError("--days must be between 1 and 3660, not " + days);
        }
        Instant startAt;
        try {
            startAt = Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new UsageError("--start must be an ISO instant like 2026-11-01T00:00:00Z, not " + start);
        }
        try {
            return new GeneratorOptions(scenario, events, days, seed, startAt, !noCallTruth);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** Runs the generator with a progress line every few seconds. */
    static GenerationResult generate(GeneratorOptions options, Path out, PrintWriter progress) throws Exception {
        long started = System.nanoTime();
        long[] nextReport = {started + 5_000_000_000L};
        try {
            return Generator.generate(options, out, written -> {
                long now = System.nanoTime();
                if (now > nextReport[0]) {
                    nextReport[0] = now + 5_000_000_000L;
                    double seconds = (now - started) / 1e9;
                    progress.printf("generate: %,d records written (%,.0f records/s)%n", written, written / seconds);
                    progress.flush();
                }
            });
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
