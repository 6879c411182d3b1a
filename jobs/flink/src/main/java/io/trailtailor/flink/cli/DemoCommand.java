package io.trailtailor.flink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.analyze.AnalyzeRunner;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.GeneratedDirectory;
import io.trailtailor.flink.output.OutputLocation;
import io.trailtailor.flink.output.OwnedOutputs;
import io.trailtailor.synthetic.GeneratorOptions;
import io.trailtailor.synthetic.Shapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailtailor demo}: generate a synthetic EKS estate, then analyze it on the embedded engine. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Generates synthetic logs (eks-mixed) and analyzes them on the embedded engine; the full report"
                + " lands in --out (default ./out/demo), the generated input beside it in <out>-input.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/demo", description = "Default ${DEFAULT-VALUE}.")
    Path out;

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "50000",
            description = "CloudTrail records to generate (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default 42).")
    long seed;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallel tasks (default: all cores).")
    Integer parallelism;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (events < 1) {
            throw new UsageError("--events must be at least 1, not " + events);
        }
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        if (p < 1) {
            throw new UsageError("--parallelism must be at least 1, not " + p);
        }
        out = out.toAbsolutePath().normalize();
        // beside the output, never inside it: an input inside --out is refused, and the two are cleaned differently
        Path input = inputDirectory(out);
        // every refusal before anything is generated: --out against its input, and files the run would overwrite
        OutputLocation.check(out.toString(), List.of(input.toString()));
        OwnedOutputs.inspect(out);
        GeneratedDirectory.clear(input, "demo input");
        // every real-world shape on: an issuer nobody names, shipper-rewritten records, a many-prefix batch reader
        GeneratorOptions generate = new GeneratorOptions(
                "eks-mixed", events, 1, seed, Instant.parse("2026-11-01T00:00:00Z"), true, Shapes.ALL);
        GenerateCommand.generate(generate, input, spec.commandLine().getErr());
        // the granted side (IAM snapshot, credential report, expected findings): new files, the logs stay as they were
        io.trailtailor.synthetic.Generator.writeSnapshots(generate, input);
        GeneratedDirectory.record(input);

        AnalyzeOptions options = analyzeOptions(input, out, p);
        AnalyzeRunner.Outcome outcome = AnalyzeRunner.run(options, Engines.batch(options), System.err);
        spec.commandLine().getErr().println(Report.oneLine(outcome));
        Path report = out.resolve("report.html");
        if (Files.isRegularFile(report)) {
            spec.commandLine().getOut().println("report: " + report);
        }
        return Main.OK;
    }

    /**
     * Points analyze at what the generator wrote: the CloudTrail tree (and the shipper's files, if any), each
     * cluster's audit logs under its name, and {@code --cluster NAME=ISSUER} for clusters whose issuer only the
     * operator knows (as in real life). A cluster whose issuer is {@code unnamed} gets no option: analyze has to find
     * it in the audit log. The generated snapshots go along: {@code --iam-snapshot}, {@code --cluster-snapshot
     * NAME=DIR} for each cluster and {@code --credential-report}.
     */
    static AnalyzeOptions analyzeOptions(Path input, Path out, int parallelism) throws Exception {
        JsonNode manifest =
                new ObjectMapper().readTree(input.resolve("truth/manifest.json").toFile());
        List<String> audit = new ArrayList<>();
        List<String> clusters = new ArrayList<>();
        List<String> snapshots = new ArrayList<>();
        for (JsonNode cluster : manifest.path("clusters")) {
            String name = cluster.path("name").asText();
            Path logs = input.resolve("eks-audit").resolve(name);
            if (Files.isDirectory(logs)) {
                audit.add(name + "=" + logs);
            }
            Path snapshot = input.resolve("snapshots/clusters").resolve(name);
            if (Files.isDirectory(snapshot)) {
                snapshots.add(name + "=" + snapshot);
            }
            if ("option".equals(cluster.path("issuerSource").asText())) {
                clusters.add(name + "=" + cluster.path("issuer").asText());
            }
        }
        List<String> cloudTrail =
                new ArrayList<>(List.of(input.resolve("cloudtrail").toString()));
        Path shipped = input.resolve("cloudtrail-shipped");
        if (Files.isDirectory(shipped)) {
            cloudTrail.add(shipped.toString());
        }
        return new AnalyzeOptions(
                cloudTrail,
                audit,
                List.of(input.resolve("snapshots/iam").toString()),
                snapshots,
                clusters,
                null,
                null,
                Set.of(),
                Set.of(),
                out.toString(),
                parallelism,
                null,
                S3Settings.defaults(),
                false,
                AnalyzeOptions.DEFAULT_S3_PREFIX_THRESHOLD,
                null,
                AnalyzeOptions.DEFAULT_RBAC_RESOURCE_NAMES,
                false,
                new AnalyzeOptions.Findings(credentialReport(input), null, null, null));
    }

    /** The generated credential report, or null when the generator wrote none. */
    private static String credentialReport(Path input) {
        Path csv = input.resolve("snapshots/credential-report.csv");
        return Files.isRegularFile(csv) ? csv.toString() : null;
    }

    /** Where demo generates its input: {@code <out>-input}, e.g. {@code out/demo-input} beside {@code out/demo}. */
    static Path inputDirectory(Path out) {
        return out.resolveSibling(out.getFileName() + "-input");
    }
}
