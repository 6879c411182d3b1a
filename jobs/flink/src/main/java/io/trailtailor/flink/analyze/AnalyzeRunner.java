package io.trailtailor.flink.analyze;

import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.policy.PolicyStage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs {@code analyze} end to end: lists the inputs (failing fast on a missing one), clears the outputs it owns,
 * runs the job with a progress line, and writes {@code summary.json} from the job's counters.
 */
public final class AnalyzeRunner {

    /** The outputs under --out that a run rewrites: nothing else in the directory is touched. */
    static final List<String> OWNED_OUTPUTS = List.of(
            "parquet",
            "quarantine",
            "policies",
            "rbac",
            "alerts",
            ".work",
            "summary.json",
            "workloads.json",
            "unmapped-events.json",
            "findings.json",
            "report.html",
            "report.md");

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private AnalyzeRunner() {}

    /** The effective options, what was read, and the counters, as {@code summary.json} shows them. */
    public record Outcome(Summary summary, Path summaryFile) {}

    public static Outcome run(AnalyzeOptions options, StreamExecutionEnvironment env, PrintStream progress)
            throws Exception {
        Instant started = Instant.now();
        List<InputLister.Source> sources = new ArrayList<>();
        options.cloudTrail().forEach(s -> sources.add(InputLister.Source.cloudTrail(s)));
        options.k8sAudit().forEach(s -> sources.add(InputLister.Source.audit(s)));
        InputLister.Listing listing =
                new InputLister(options.keyFilter(), options.s3(), options.includeHidden()).list(sources);

        Path out = Path.of(options.out());
        clearOwnedOutputs(out);
        Map<String, Object> counters = Map.of();
        Integer workloads = null;
        if (!listing.files().isEmpty()) {
            AnalyzeJob.build(env, listing.files(), options);
            counters = execute(env, listing.files(), progress);
            PolicyStage.finish(out);
            workloads = WorkloadsFile.assemble(out);
            deleteTree(out.resolve(".work"));
        }
        Summary summary = Summary.of(options, listing, counters, started, Instant.now());
        if (workloads != null) {
            summary.json().put("workloads", workloads);
        }
        Path file = out.resolve("summary.json");
        Files.createDirectories(out);
        summary.write(file);
        return new Outcome(summary, file);
    }

    private static Map<String, Object> execute(
            StreamExecutionEnvironment env, List<InputFile> files, PrintStream progress) throws Exception {
        JobClient job = env.executeAsync("trailtailor analyze");
        Instant start = Instant.now();
        Instant nextReport = start.plus(PROGRESS_EVERY);
        var result = job.getJobExecutionResult();
        while (true) {
            try {
                JobExecutionResult done = result.get(1, TimeUnit.SECONDS);
                return done.getAllAccumulatorResults();
            } catch (TimeoutException stillRunning) {
                if (Instant.now().isAfter(nextReport)) {
                    nextReport = Instant.now().plus(PROGRESS_EVERY);
                    reportProgress(job, start, files.size(), progress);
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    private static void reportProgress(JobClient job, Instant start, int files, PrintStream progress) {
        try {
            Map<String, Object> now = job.getAccumulators().get(2, TimeUnit.SECONDS);
            long done = asLong(now.get(Counters.CLOUDTRAIL_FILES))
                    + asLong(now.get(Counters.AUDIT_FILES))
                    + asLong(now.get(Counters.SKIPPED_FILES))
                    + asLong(now.get(Counters.QUARANTINED_FILES));
            long records = asLong(now.get(Counters.RECORDS_READ));
            double seconds =
                    Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
            if (done < files) {
                progress.printf(
                        "analyze: %d/%d files, %,d records read (%,.0f records/s, %.1f files/s)%n",
                        done, files, records, records / seconds, done / seconds);
            } else {
                // reading is over; the keyed stages (attribution, usage, policies) and the writers are still at work
                progress.printf(
                        "analyze: all %d files read (%,d records), attributing and writing, %.0f s so far%n",
                        files, records, seconds);
            }
        } catch (Exception e) {
            // progress is best effort; the job's own result decides success
        }
    }

    static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private static void clearOwnedOutputs(Path out) throws IOException {
        for (String name : OWNED_OUTPUTS) {
            deleteTree(out.resolve(name));
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }
}
