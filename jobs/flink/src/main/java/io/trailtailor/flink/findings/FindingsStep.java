package io.trailtailor.flink.findings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.findings.CredentialReport;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.FindingsBaseline;
import io.trailtailor.findings.FindingsEngine;
import io.trailtailor.findings.FindingsJson;
import io.trailtailor.findings.FindingsOptions;
import io.trailtailor.findings.Mutes;
import io.trailtailor.findings.ocsf.OcsfFindings;
import io.trailtailor.findings.used.FactsCodec;
import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.grants.IamSnapshot;
import io.trailtailor.grants.IamSnapshotReader;
import io.trailtailor.grants.ManagedPolicies;
import io.trailtailor.grants.PolicyResolver;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.ClusterSnapshotReader;
import io.trailtailor.identity.ClusterSnapshots;
import io.trailtailor.identity.WorkloadSummary;
import io.trailtailor.report.ReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The driver's findings step, run after {@code workloads.json} is assembled and before {@code summary.json} is
 * written: reads the snapshots and the job's facts, evaluates every rule, applies {@code --baseline} and
 * {@code --mute}, and writes {@code findings.json} ({@code findings.resolved.json} with a baseline),
 * {@code findings.ocsf.json}, {@code parquet/findings/}, {@code athena/*.sql} and the report. Every file lands under
 * a path of the output layout, so the run's manifest lists it and the next run removes it.
 */
public final class FindingsStep {

    private FindingsStep() {}

    /** What the step found, for the summary. */
    public record Result(List<Finding> findings, List<Finding> resolved) {}

    /**
     * Runs the step.
     *
     * @param summary the summary under construction; the step adds its fields
     * @param windowFrom the first event time of the input, or null
     * @param windowTo the last event time, or null
     */
    public static Result run(AnalyzeOptions options, Path out, ObjectNode summary, Instant windowFrom, Instant windowTo)
            throws IOException {
        Instant now = Instant.now();
        IamCatalog catalog = IamCatalog.loadDefault();
        ManagedPolicies managed = ManagedPolicies.loadDefault();
        List<String> absent = new ArrayList<>();

        IamSnapshot iam = null;
        if (!options.iamSnapshots().isEmpty()) {
            iam = IamSnapshotReader.read(
                    options.iamSnapshots().stream().map(Path::of).toList());
            summary.set("grants", grants(iam, managed));
        } else {
            absent.add("--iam-snapshot");
        }
        Map<String, ClusterSnapshot> clusters = new TreeMap<>();
        ObjectNode snapshotFiles = summary.objectNode();
        for (String argument : options.clusterSnapshots()) {
            ClusterSnapshot s = readCluster(argument);
            clusters.put(s.cluster(), s);
            snapshotFiles.set(s.cluster(), clusterFiles(s, summary));
        }
        if (clusters.isEmpty()) {
            absent.add("--cluster-snapshot");
        } else {
            summary.set("clusterSnapshots", snapshotFiles);
        }
        CredentialReport credentials = CredentialReport.none();
        if (options.findings().credentialReport() != null) {
            try (Reader r = Files.newBufferedReader(Path.of(options.findings().credentialReport()))) {
                credentials = CredentialReport.parse(r);
            }
        } else {
            absent.add("--credential-report");
        }

        List<WorkloadSummary> workloads = FactsCodec.readWorkloads(out.resolve("workloads.json"));
        UsedSide used = FactsCodec.assemble(out.resolve(FactsStage.WORK_DIR), workloads, windowFrom, windowTo);
        FindingContext context = FindingContext.of(
                catalog,
                iam,
                managed,
                clusters,
                credentials,
                used,
                new FindingsOptions(options.findings().minWindow()),
                WrittenFiles.policies(out, used),
                WrittenFiles.rbac(out));
        List<Finding> findings = FindingsEngine.loadDefault().evaluate(context);

        Mutes mutes = options.findings().mute() == null
                ? Mutes.none()
                : Mutes.read(Path.of(options.findings().mute()));
        List<Finding> resolved = null;
        if (options.findings().baseline() != null) {
            FindingsBaseline.Result compared = FindingsBaseline.compare(
                    findings, FindingsBaseline.read(Path.of(options.findings().baseline())), mutes);
            findings = compared.findings();
            resolved = compared.resolved();
        } else {
            findings = findings.stream()
                    .map(f -> mutes.reason(f.fingerprint())
                            .map(reason -> f.withStatus(Finding.MUTED, reason))
                            .orElse(f))
                    .toList();
        }

        writeJson(out.resolve("findings.json"), findings);
        if (resolved != null) {
            writeJson(out.resolve("findings.resolved.json"), resolved);
        }
        try (OutputStream os = Files.newOutputStream(out.resolve("findings.ocsf.json"))) {
            OcsfFindings.write(
                    findings,
                    new OcsfFindings.Product(
                            "trailtailor", version(), catalog.stamp().label(), now),
                    os);
        }
        FindingRows.write(out, findings, now);
        AthenaDdl.write(
                out,
                options.out(),
                windowFrom == null
                        ? LocalDate.ofInstant(now, ZoneOffset.UTC)
                        : LocalDate.ofInstant(windowFrom, ZoneOffset.UTC));
        ReportWriter.write(out);

        summary.put("findings", findings.size());
        summary.set("findingsBySeverity", FindingCounts.bySeverity(findings, summary));
        summary.set("findingsByRule", FindingCounts.byRule(findings, summary));
        summary.set("findingsByStatus", FindingCounts.byStatus(findings, resolved, summary));
        ArrayNode absentInputs = summary.putArray("findingsInputsAbsent");
        absent.forEach(absentInputs::add);
        return new Result(findings, resolved == null ? List.of() : resolved);
    }

    static ClusterSnapshot readCluster(String argument) {
        int eq = argument.indexOf('=');
        if (eq > 0 && !Files.exists(Path.of(argument))) {
            return ClusterSnapshotReader.readArgument(argument);
        }
        // no cluster named: the describe-cluster file names it, else the file or directory does
        Path path = ClusterSnapshots.pathOf(argument);
        ClusterSnapshot unnamed = ClusterSnapshotReader.read(fileStem(path), path);
        return unnamed.eks()
                .map(eks -> ClusterSnapshotReader.read(eks.name(), path))
                .orElse(unnamed);
    }

    private static String fileStem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** {@code grants}: roles and users in the snapshot, managed policies taken from the bundle, unresolved ones. */
    static ObjectNode grants(IamSnapshot iam, ManagedPolicies managed) {
        PolicyResolver resolver = new PolicyResolver(iam, managed);
        iam.roles().values().forEach(resolver::forRole);
        iam.users().values().forEach(resolver::forUser);
        ObjectNode g = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        g.put("roles", iam.roles().size());
        g.put("users", iam.users().size());
        ArrayNode bundle = g.putArray("managedPoliciesFromBundle");
        resolver.resolvedFromBundle().forEach(bundle::add);
        ArrayNode unresolved = g.putArray("unresolved");
        resolver.unresolved().forEach(unresolved::add);
        ArrayNode problems = g.putArray("problems");
        iam.problems().forEach(problems::add);
        return g;
    }

    private static ObjectNode clusterFiles(ClusterSnapshot s, ObjectNode factory) {
        ObjectNode c = factory.objectNode();
        ObjectNode byKind = c.putObject("filesByKind");
        new TreeMap<>(s.filesByKind()).forEach((kind, n) -> byKind.put(kind.name(), n));
        c.put("unknownFiles", s.unknownFiles().size());
        ArrayNode unknown = c.putArray("unknown");
        s.unknownFiles()
                .forEach(u ->
                        unknown.addObject().put("path", u.path().toString()).put("reason", u.reason()));
        return c;
    }

    private static void writeJson(Path file, List<Finding> findings) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            FindingsJson.write(findings, os);
        }
    }

    private static String version() {
        String v = FindingsStep.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
