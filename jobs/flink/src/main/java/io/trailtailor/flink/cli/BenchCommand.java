package io.trailtailor.flink.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.Decompression;
import io.trailtailor.event.FileReport;
import io.trailtailor.event.LogFileReader;
import io.trailtailor.event.Quarantined;
import io.trailtailor.event.RecordSink;
import io.trailtailor.flink.analyze.AnalyzeRunner;
import io.trailtailor.flink.bench.BenchTable;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.GeneratedDirectory;
import io.trailtailor.synthetic.GenerationResult;
import io.trailtailor.synthetic.GeneratorOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
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
                + " <out>/bench.json and <out>/bench.md.")
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

    @Option(
            names = "--heap",
            paramLabel = "SIZE",
            defaultValue = "1g",
            description = "-Xmx of each analyze JVM (default ${DEFAULT-VALUE}); its peak RSS is measured.")
    String heap;

    @Option(
            names = "--scaling-events",
            paramLabel = "M",
            defaultValue = "0",
            description = "Also generate M records and run analyze at parallelism 1 on them, to compare time and RSS"
                    + " with the N run (e.g. 10000000; long, so off by default).")
    long scalingEvents;

    @Option(
            names = "--jfr",
            description = "Record each analyze JVM with Java Flight Recorder into <out>/analyze-*.jfr.")
    boolean jfr;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (events < 1000) {
            throw new UsageError("--events must be at least 1000 for meaningful figures, not " + events);
        }
        if (scalingEvents != 0 && scalingEvents <= events) {
            throw new UsageError("--scaling-events must be more than --events, not " + scalingEvents);
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
        machine.put("analyzeHeap", "-Xmx" + heap);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put(
                "loadAverageAtStart",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        long t0 = System.nanoTime();
        IamCatalog catalog =
                IamCatalog.load(IamCatalog.class.getClassLoader().getResourceAsStream(IamCatalog.DEFAULT_RESOURCE));
        report.put("catalogLoadMillis", (System.nanoTime() - t0) / 1_000_000);
        report.put("catalogActions", catalog.stamp().actions());

        Path input = out.resolve("input");
        report.set("generate", generate(events, input, err));

        Floor floor = floor(input);
        ObjectNode f = report.putObject("floor");
        f.put(
                "what",
                "one thread: gunzip + JSON token walk of every generated file; records as the reader counts them");
        f.put("files", floor.files);
        f.put("records", floor.records);
        f.put("bytes", floor.bytes);
        f.put("seconds", floor.seconds);
        f.put("recordsPerSecond", floor.recordsPerSecond());
        f.put("parseSeconds", floor.parseSeconds);
        f.put("parseRecordsPerSecond", floor.records / floor.parseSeconds);
        err.printf(
                "bench: floor %,.0f records/s on one thread (%,d records, %.1f s); the core reader alone %,.0f"
                        + " records/s%n",
                floor.recordsPerSecond(), floor.records, floor.seconds, floor.records / floor.parseSeconds);

        ArrayNode runs = report.putArray("analyze");
        ObjectNode first = null;
        for (int p : parallelism) {
            ObjectNode run = analyze(input, "analyze-p" + p, p, floor, err);
            if (first == null) {
                first = run;
            } else {
                run.put(
                        "speedupOverFirst",
                        run.get("recordsPerSecond").asDouble()
                                / first.get("recordsPerSecond").asDouble());
            }
            runs.add(run);
        }
        if (scalingEvents > 0) {
            Path bigInput = out.resolve("input-scaling");
            ObjectNode scaling = report.putObject("scaling");
            scaling.set("generate", generate(scalingEvents, bigInput, err));
            ObjectNode big = analyze(bigInput, "analyze-scaling-p1", 1, floor, err);
            scaling.set("analyze", big);
            ObjectNode small =
                    runs.size() > 0 && parallelism.get(0) == 1 ? first : analyze(input, "analyze-p1", 1, floor, err);
            scaling.put(
                    "recordsRatio",
                    big.get("records").asDouble() / small.get("records").asDouble());
            scaling.put(
                    "secondsRatio",
                    big.get("seconds").asDouble() / small.get("seconds").asDouble());
            GeneratedDirectory.clear(bigInput, "bench input"); // ten times the data: not left on disk
        }
        report.put(
                "note",
                "analyze runs each in their own JVM (-Xmx" + heap + "); seconds are the run inside it, including the"
                        + " embedded engine's start (about 3 s); peak RSS is VmHWM of that JVM");
        Path file = out.resolve("bench.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        Path table = out.resolve("bench.md");
        Files.writeString(table, BenchTable.markdown(report));
        err.print(BenchTable.markdown(report));
        err.println("trailtailor: bench figures in " + file + " and " + table);
        return Main.OK;
    }

    private static ObjectNode generate(long records, Path input, PrintWriter err) throws Exception {
        GeneratedDirectory.clear(input, "bench input"); // only what an earlier bench generated
        long g0 = System.nanoTime();
        GenerationResult generated = GenerateCommand.generate(
                new GeneratorOptions("eks-mixed", records, 1, 42, Instant.parse("2026-11-01T00:00:00Z"), false),
                input,
                err);
        GeneratedDirectory.record(input);
        double seconds = (System.nanoTime() - g0) / 1e9;
        ObjectNode gen = new ObjectMapper().createObjectNode();
        long written = generated.cloudTrailRecordsWritten() + generated.auditEvents();
        gen.put("records", written);
        gen.put("seconds", seconds);
        gen.put("recordsPerSecond", written / seconds);
        return gen;
    }

    /** One analyze run in a JVM of its own, so that its RSS is its own and its heap is bounded as a user's is. */
    private ObjectNode analyze(Path input, String name, int p, Floor floor, PrintWriter err) throws Exception {
        Path result = out.resolve(name + ".result.json");
        Files.deleteIfExists(result);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Xmx" + heap);
        command.addAll(JDK17_OPENS);
        if (jfr) {
            command.add("-XX:StartFlightRecording=filename="
                    + out.resolve(name + ".jfr").toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Child.class.getName());
        command.add(input.toString());
        command.add(out.resolve(name).toString());
        command.add(Integer.toString(p));
        command.add(result.toString());
        long w0 = System.nanoTime();
        ProcessBuilder launch = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.resolve(name + ".log").toFile());
        // as the launcher runs analyze: two malloc arenas, so RSS is the JVM's, not glibc's per-thread arenas
        launch.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        Process child = launch.start();
        long polledPeakKiB = 0;
        while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
            polledPeakKiB = Math.max(polledPeakKiB, peakRssKiB(Path.of("/proc", Long.toString(child.pid()), "status")));
        }
        double wallSeconds = (System.nanoTime() - w0) / 1e9;
        if (child.exitValue() != 0 || !Files.isRegularFile(result)) {
            throw new IllegalStateException("analyze at parallelism " + p + " ended with exit " + child.exitValue()
                    + "; see " + out.resolve(name + ".log"));
        }
        JsonNode r = new ObjectMapper().readTree(result.toFile());
        long records = r.get("records").asLong();
        double seconds = r.get("seconds").asDouble();
        long rssKiB = Math.max(polledPeakKiB, r.get("peakRssKiB").asLong());
        ObjectNode run = new ObjectMapper().createObjectNode();
        run.put("parallelism", p);
        run.put("records", records);
        run.put("seconds", seconds);
        run.put("wallSecondsWithJvm", wallSeconds);
        run.put("recordsPerSecond", records / seconds);
        run.put("ratioToFloor", (records / seconds) / floor.recordsPerSecond());
        run.put("ratioToFloorTimesParallelism", (records / seconds) / (floor.recordsPerSecond() * p));
        run.put("peakRssMiB", rssKiB >> 10);
        run.put("peakHeapMiB", r.get("peakHeapMiB").asLong());
        // CPU time barely moves when another process shares the cores, where wall time does: the figure to compare
        // two builds by on a busy machine
        double cpu = r.path("cpuSeconds").asDouble();
        run.put("cpuSeconds", cpu);
        run.put("recordsPerCpuSecond", cpu > 0 ? records / cpu : 0);
        err.printf(
                "bench: %s: %,.0f records/s = %.2f x floor, %.1f s (%.1f CPU s), peak RSS %,d MiB%n",
                name, records / seconds, (records / seconds) / floor.recordsPerSecond(), seconds, cpu, rssKiB >> 10);
        return run;
    }

    /** Peak resident set (VmHWM) from a /proc status file, in KiB; 0 when it cannot be read (not Linux, gone). */
    static long peakRssKiB(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between two polls, or there is no /proc: the child's own figure stands
        }
        return 0;
    }

    /** The module opens the launcher passes on JDK 17 (Flink's own launch scripts pass the same). */
    private static final List<String> JDK17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /**
     * The analyze JVM bench starts: runs analyze on generated input as {@code demo} would and writes what it measured
     * (records, seconds, its own peak RSS and heap) as JSON. Arguments: input, out, parallelism, result file.
     */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path input = Path.of(args[0]);
            int p = Integer.parseInt(args[2]);
            AnalyzeOptions options = DemoCommand.analyzeOptions(input, Path.of(args[1]), p);
            long a0 = System.nanoTime();
            AnalyzeRunner.Outcome outcome = AnalyzeRunner.run(options, Engines.batch(options), System.err);
            double seconds = (System.nanoTime() - a0) / 1e9;
            ObjectNode r = new ObjectMapper().createObjectNode();
            r.put("records", outcome.summary().input("recordsRead"));
            r.put("seconds", seconds);
            r.put("peakRssKiB", peakRssKiB(Path.of("/proc/self/status")));
            r.put("peakHeapMiB", peakHeap() >> 20);
            r.put("cpuSeconds", processCpuNanos() / 1e9);
            new ObjectMapper().writeValue(Path.of(args[3]).toFile(), r);
            System.exit(0); // the engine may leave non-daemon threads behind
        }
    }

    record Floor(long files, long records, long bytes, double seconds, double parseSeconds) {
        double recordsPerSecond() {
            return records / seconds;
        }
    }

    /**
     * The floor: one thread decompresses every file and walks its JSON tokens, keeping nothing (what no pipeline can
     * beat per core). Its records are those the core reader finds in the same files, which it reads in a second pass
     * (timed apart: the cost of parsing and normalizing alone).
     */
    static Floor floor(Path input) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(input)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(input.resolve("truth")))
                    .filter(p -> !p.startsWith(input.resolve("snapshots")))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> LogFileReader.skipReasonForPath(p.toString()) == null)
                    .sorted()
                    .forEach(files::add);
        }
        JsonFactory factory = new JsonFactory();
        long bytes = 0;
        long tokens = 0;
        long start = System.nanoTime();
        for (Path file : files) {
            bytes += Files.size(file);
            try (InputStream in = Decompression.open(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
                    JsonParser parser = factory.createParser(in)) {
                while (parser.nextToken() != null) {
                    tokens++;
                }
            } catch (IOException e) {
                // a file that is not one JSON document (JSON lines read as a sequence still walk): counted as read
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        RecordSink discard = new RecordSink() {
            @Override
            public void apiCall(ApiCall call) {}

            @Override
            public void auditEvent(AuditEvent event) {}

            @Override
            public void quarantined(Quarantined rejected) {}
        };
        long records = 0;
        long p0 = System.nanoTime();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                FileReport report = new LogFileReader(file.toString(), null, discard).read(in);
                records += report.recordsRead();
            }
        }
        double parseSeconds = (System.nanoTime() - p0) / 1e9;
        if (tokens == 0) {
            throw new IllegalStateException("the floor walked no JSON at all in " + input);
        }
        return new Floor(files.size(), records, bytes, seconds, parseSeconds);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** CPU time of this whole JVM (every thread, the engine's included), or 0 where the JVM does not say. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime())
                : 0;
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
