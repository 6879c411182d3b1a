package io.trailtailor.flink.analyze;

import io.trailtailor.flink.findings.FindingsStep;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.input.S3Location;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.OutputLayout;
import io.trailtailor.flink.output.OutputLocation;
import io.trailtailor.flink.output.OwnedOutputs;
import io.trailtailor.flink.output.S3Outputs;
import io.trailtailor.flink.output.Trees;
import io.trailtailor.flink.output.UnusableOutput;
import io.trailtailor.flink.output.WorkloadsFile;
import io.trailtailor.flink.pipeline.TrailPipeline;
import io.trailtailor.flink.policy.PolicyStage;
import io.trailtailor.flink.source.FileListSource;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.flink.stream.EventTime;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs {@code analyze} end to end: checks {@code --out} (before anything is listed), lists the inputs (failing fast on
 * a missing one), removes the files the last run's manifest lists and nothing else, runs the job with a progress
 * line, writes {@code summary.json} from the job's counters, and last the manifest of what this run wrote.
 */
public final class AnalyzeRunner {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private AnalyzeRunner() {}

    /** The effective options, what was read, and the counters, as {@code summary.json} shows them. */
    /** The effective options, what was read, and the counters; where {@code summary.json} is (a path or s3:// URI). */
    public record Outcome(Summary summary, String summaryFile) {}

    /**
     * Runs analyze.
     *
     * @throws UnusableOutput when {@code --out} conflicts with an input or holds a file this run would overwrite
     *     (checked before anything is listed or removed)
     * @throws InputLister.InputUnavailable when an input is not there
     */
    public static Outcome run(AnalyzeOptions options, StreamExecutionEnvironment env, PrintStream progress)
            throws Exception {
        return run(options, env, progress, EventTime.defaults());
    }

    /**
     * Runs analyze with the given event-time settings: they matter only when {@code env} runs in STREAMING mode
     * (how out of order the files may be and still be joined as BATCH joins them).
     */
    public static Outcome run(
            AnalyzeOptions options, StreamExecutionEnvironment env, PrintStream progress, EventTime time)
            throws Exception {
        Instant started = Instant.now();
        if (OutputLocation.isS3(options.out())) {
            // an s3:// --out: the run writes into a local staging directory, published only once it has succeeded
            S3Location root = OutputLocation.checkS3(options.out());
            S3Outputs s3 = S3Outputs.inspect(options.s3(), root);
            Path staging = Files.createTempDirectory("trailtailor-out-");
            try {
                Summary summary = runInto(
                        options,
                        options.withOut(staging.toString()),
                        staging,
                        OwnedOutputs.inspect(staging),
                        s3.notOwned(),
                        env,
                        progress,
                        started,
                        time);
                s3.publish(staging);
                String uri = root.uri();
                return new Outcome(summary, (uri.endsWith("/") ? uri : uri + "/") + "summary.json");
            } finally {
                Trees.delete(staging);
            }
        }
        Path out = OutputLocation.check(options);
        OwnedOutputs outputs = OwnedOutputs.inspect(out);
        Summary summary = runInto(options, options, out, outputs, null, env, progress, started, time);
        outputs.commit();
        return new Outcome(summary, out.resolve("summary.json").toString());
    }

    /**
     * Lists, runs the job and the steps after it, and writes {@code summary.json}, all under {@code out}.
     * {@code options} are the user's (the Athena DDL names their {@code --out}); {@code job} the same with
     * {@code --out} = {@code out}. {@code notOwned} are the files of others at the real {@code --out}, or null when
     * that is {@code out} itself.
     */
    private static Summary runInto(
            AnalyzeOptions options,
            AnalyzeOptions job,
            Path out,
            OwnedOutputs outputs,
            List<String> notOwned,
            StreamExecutionEnvironment env,
            PrintStream progress,
            Instant started,
            EventTime time)
            throws Exception {
        List<InputLister.Source> sources = new ArrayList<>();
        options.cloudTrail().forEach(s -> sources.add(InputLister.Source.cloudTrail(s)));
        options.k8sAudit().forEach(s -> sources.add(InputLister.Source.audit(s)));
        InputLister.Listing listing =
                new InputLister(options.keyFilter(), options.s3(), options.includeHidden()).list(sources);

        // only now that the inputs are known to be there: the last run's files go, nobody else's
        outputs.clearPrevious();
        Map<String, Object> counters = Map.of();
        Integer workloads = null;
        com.fasterxml.jackson.databind.node.ObjectNode findings = null;
        if (!listing.files().isEmpty()) {
            TrailPipeline.build(FileListSource.read(env, listing.files(), job, time), job, time);
            counters = execute(env, listing.files(), progress);
            PolicyStage.finish(out);
            workloads = WorkloadsFile.assemble(out);
            findings = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            FindingsStep.run(
                    options,
                    out,
                    findings,
                    eventTime(counters, Counters.FIRST_EVENT),
                    eventTime(counters, Counters.LAST_EVENT));
            // the scratch directory holds only this run's files: inspect refused any that were not
            Trees.delete(out.resolve(OutputLayout.WORK));
        }
        Summary summary = Summary.of(options, listing, counters, started, Instant.now());
        if (workloads != null) {
            summary.json().put("workloads", workloads);
        }
        if (findings != null) {
            summary.json().setAll(findings);
        }
        summary.output(notOwned != null ? notOwned : outputs.notOwned());
        Files.createDirectories(out);
        summary.write(out.resolve("summary.json"));
        return summary;
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

    /** An event-time counter as an instant; null when no event was seen. */
    private static Instant eventTime(Map<String, Object> counters, String name) {
        Object v = counters.get(name);
        return v instanceof Number n && n.longValue() != Long.MAX_VALUE && n.longValue() != Long.MIN_VALUE
                ? Instant.ofEpochMilli(n.longValue())
                : null;
    }

    static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
