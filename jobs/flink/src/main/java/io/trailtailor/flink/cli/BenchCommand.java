package io.trailtailor.flink.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.FileReport;
import io.trailtailor.event.LogFileReader;
import io.trailtailor.event.Quarantined;
import io.trailtailor.event.RecordSink;
import io.trailtailor.flink.analyze.AnalyzeRunner;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.GeneratedDirectory;
import io.trailtailor.synthetic.GenerationResult;
import io.trailtailor.synthetic.GeneratorOptions;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trailtailor bench}: throughput figures as ratios to a floor measured in the same run on the same machine,
 * so they compare across machines: the floor is one thread decompressing and parsing every generated file (what no
 * pipeline can beat per core); the pipeline figure is {@code analyze} end to end at each parallelism.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures analyze throughput against the decompress+parse floor on generated data; writes"
                + " <out>/bench.json.")
final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "CloudTrail records to generate (default ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--parallelism",
            paramLabel = "P",
            split = ",",
            defaultValue = "1,2",
            description = "Parallelism levels to run analyze at (default ${DEFAULT-VALUE}).")
    List<Integer> parallelism;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/bench", description = "Default ${DEFAULT-VALUE}.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (events < 1000) {
            throw new UsageError("--events must be at least 1000 for meaningful figures, not " + events);
        }
        for (int p : parallelism) {
            if (p < 1) {
                throw new UsageError("--parallelism levels must be at least 1, not " + p);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode report = new ObjectMapper().createObjectNode();
        report.put("startedAt", Instant.now().toString());
        ObjectNode machine = report.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));

        long t0 = System.nanoTime();
        IamCatalog catalog =
                IamCatalog.load(IamCatalog.class.getClassLoader().getResourceAsStream(IamCatalog.DEFAULT_RESOURCE));
        report.put("catalogLoadMillis", (System.nanoTime() - t0) / 1_000_000);
        report.put("catalogActions", catalog.stamp().actions());

        Path input = out.resolve("input");
        GeneratedDirectory.clear(input, "bench input"); // only what an earlier bench generated
        long g0 = System.nanoTime();
        GenerationResult generated = GenerateCommand.generate(
                new GeneratorOptions("eks-mixed", events, 1, 42, Instant.parse("2026-11-01T00:00:00Z"), false),
                input,
                err);
        GeneratedDirectory.record(input);
        double generateSeconds = (System.nanoTime() - g0) / 1e9;
        ObjectNode gen = report.putObject("generate");
        gen.put("records", generated.cloudTrailRecordsWritten() + generated.auditEvents());
        gen.put("seconds", generateSeconds);
        gen.put("recordsPerSecond", (generated.cloudTrailRecordsWritten() + generated.auditEvents()) / generateSeconds);

        Floor floor = floor(input);
        ObjectNode f = report.putObject("floor");
        f.put("what", "one thread: gunzip + frame + parse + normalize every generated file, records discarded");
        f.put("files", floor.files);
        f.put("records", floor.records);
        f.put("bytes", floor.bytes);
        f.put("seconds", floor.seconds);
        f.put("recordsPerSecond", floor.recordsPerSecond());
        err.printf(
                "bench: floor %,.0f records/s on one thread (%,d records, %.1f s)%n",
                floor.recordsPerSecond(), floor.records, floor.seconds);

        ArrayNode runs = report.putArray("analyze");
        for (int p : parallelism) {
            AnalyzeOptions options = DemoCommand.analyzeOptions(input, out.resolve("analyze-p" + p), p);
            resetPeaks();
            long a0 = System.nanoTime();
            AnalyzeRunner.Outcome outcome = AnalyzeRunner.run(options, Engines.batch(options), System.err);
            double seconds = (System.nanoTime() - a0) / 1e9;
            long records = outcome.summary().input("recordsRead");
            ObjectNode run = runs.addObject();
            run.put("parallelism", p);
            run.put("records", records);
            run.put("seconds", seconds);
            run.put("recordsPerSecond", records / seconds);
            run.put("ratioToFloor", (records / seconds) / floor.recordsPerSecond());
            run.put("ratioToFloorTimesParallelism", (records / seconds) / (floor.recordsPerSecond() * p));
            run.put("peakHeapMiB", peakHeap() >> 20);
            err.printf(
                    "bench: analyze at parallelism %d: %,.0f records/s = %.2f x floor (%.2f x floor x %d), %.1f s,"
                            + " peak heap %,d MiB%n",
                    p,
                    records / seconds,
                    (records / seconds) / floor.recordsPerSecond(),
                    (records / seconds) / (floor.recordsPerSecond() * p),
                    p,
                    seconds,
                    peakHeap() >> 20);
        }
        report.put("note", "analyze seconds are wall time including the embedded engine's start (about 3 s)");
        Path file = out.resolve("bench.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        err.println("trailtailor: bench figures in " + file);
        return Main.OK;
    }

    record Floor(long files, long records, long bytes, double seconds) {
        double recordsPerSecond() {
            return records / seconds;
        }
    }

    /** One thread reads every file as the pipeline would, keeping nothing. */
    static Floor floor(Path input) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(input)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(input.resolve("truth")))
                    .filter(p -> LogFileReader.skipReasonForPath(p.toString()) == null)
                    .sorted()
                    .forEach(files::add);
        }
        RecordSink discard = new RecordSink() {
            @Override
            public void apiCall(ApiCall call) {}

            @Override
            public void auditEvent(AuditEvent event) {}

            @Override
            public void quarantined(Quarantined rejected) {}
        };
        long records = 0;
        long bytes = 0;
        long start = System.nanoTime();
        for (Path file : files) {
            bytes += Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                FileReport report = new LogFileReader(file.toString(), null, discard).read(in);
                records += report.recordsRead();
            }
        }
        return new Floor(files.size(), records, bytes, (System.nanoTime() - start) / 1e9);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
