package io.trailtailor.flink.e2e;

import static io.trailtailor.flink.e2e.OutputTables.str;
import static io.trailtailor.flink.e2e.OutputTables.strings;
import static io.trailtailor.flink.e2e.Truth.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.catalog.ActionInfo;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.event.ApiCall;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.identity.AttributedCall;
import io.trailtailor.identity.Attributor;
import io.trailtailor.identity.ClusterDirectory;
import io.trailtailor.identity.Correlator;
import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyEvaluator;
import io.trailtailor.synthetic.Generator;
import io.trailtailor.synthetic.GeneratorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * Acceptance tests on generated data with ground truth: the eks-mixed scenario (~20 000 CloudTrail records, seed
 * 42) is generated once and analyzed once at parallelism 2 and once at 4; every test reads those outputs and holds
 * them against {@code truth/} (calls, pods, sessions, usage) or against the other run. Figures are printed so a
 * reviewer sees what was measured, not just that it passed.
 */
@Timeout(120)
class EndToEndITCase {

    private static final long EVENTS = 20_000;
    private static final Set<String> KUBERNETES = Set.of("IRSA", "POD_IDENTITY", "INSTANCE_PROFILE");
    /**
     * Actions AWS answers without any permission: the truth lists them as used, a least-privilege policy rightly
     * leaves them out (cloudtrail-overrides.json: SKIPPED_NO_PERMISSION).
     */
    private static final Set<String> NEEDS_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

    private static final long SEED = 42;
    /** The attributor's clock-skew tolerance (Attributor.DEFAULT_SKEW). */
    private static final Duration SKEW = Duration.ofSeconds(5);
    /**
     * The truth ends a pod at its delete request; Kubernetes keeps it running until the delete's deletionTimestamp
     * (the default terminationGracePeriodSeconds, 30 s, in the generated audit log), and so does the attributor.
     */
    private static final Duration TERMINATION_GRACE = Duration.ofSeconds(30);
    /** CloudTrail eventTime (and so session issue times) carry whole seconds. */
    private static final Duration SECOND_TRUNCATION = Duration.ofSeconds(1);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(4);

    @TempDir
    static Path dir;

    static Path input;
    static Path outP2;
    static Path outP4;
    static Truth truth;

    @BeforeAll
    @Timeout(300)
    static void generateAndAnalyzeTwice() throws Exception {
        // For working on the assertions only: -De2e.reuse=DIR keeps the generated input and both outputs in DIR and
        // reuses them on the next run when they are complete.
        String reuse = System.getProperty("e2e.reuse");
        if (reuse != null) {
            dir = Path.of(reuse);
            if (Files.isRegularFile(dir.resolve("out-p4/summary.json"))) {
                input = dir.resolve("input");
                outP2 = dir.resolve("out-p2");
                outP4 = dir.resolve("out-p4");
                truth = Truth.load(input);
                return;
            }
        }
        input = dir.resolve("input");
        long t0 = System.nanoTime();
        generateSuiteInput(input);
        long t1 = System.nanoTime();
        outP2 = dir.resolve("out-p2");
        outP4 = dir.resolve("out-p4");
        TestAnalysis.run(analyzeOptions(input, outP2, 2));
        long t2 = System.nanoTime();
        TestAnalysis.run(analyzeOptions(input, outP4, 4));
        long t3 = System.nanoTime();
        truth = Truth.load(input);
        System.out.printf(
                "e2e: generate %.1fs, analyze p2 %.1fs, p4 %.1fs%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    /** Generates the suite's input into {@code input}: eks-mixed, seed 42, with its truth. */
    static void generateSuiteInput(Path input) throws IOException {
        Generator.generate(
                new GeneratorOptions("eks-mixed", EVENTS, 1, SEED, Instant.parse("2026-11-01T00:00:00Z"), true),
                input,
                null);
    }

    /** What DemoCommand.analyzeOptions does: audit dirs as NAME=dir, --cluster for issuers only an operator knows. */
    static AnalyzeOptions analyzeOptions(Path in, Path out, int parallelism) throws IOException {
        JsonNode manifest =
                Truth.JSON.readTree(in.resolve("truth/manifest.json").toFile());
        List<String> audit = new ArrayList<>();
        List<String> clusters = new ArrayList<>();
        for (JsonNode cluster : manifest.path("clusters")) {
            String name = cluster.path("name").asText();
            Path logs = in.resolve("eks-audit").resolve(name);
            if (Files.isDirectory(logs)) {
                audit.add(name + "=" + logs);
            }
            if ("option".equals(cluster.path("issuerSource").asText())) {
                clusters.add(name + "=" + cluster.path("issuer").asText());
            }
        }
        return TestAnalysis.options(out, k -> {
            k.cloudTrail = List.of(in.resolve("cloudtrail").toString());
            k.k8sAudit = audit;
            k.clusterOidcIssuers = clusters;
            k.parallelism = parallelism;
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. Attribution vs truth

    @Test
    void attributesEveryCallAsTheTruthSays() throws Exception {
        List<GenericRecord> rows = OutputTables.read(outP2, "attributed_calls");
        Map<String, GenericRecord> byEvent = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (GenericRecord r : rows) {
            if (byEvent.put(str(r, "eventId"), r) != null) {
                duplicates.add(str(r, "eventId"));
            }
        }
        assertThat(duplicates).as("eventIds with more than one attributed row").isEmpty();
        assertThat(byEvent.keySet())
                .as("one attributed row per distinct CloudTrail record")
                .hasSize(truth.calls.size())
                .containsExactlyInAnyOrderElementsOf(truth.calls.keySet());

        Map<String, Duration> auditSkew = truth.auditSkew();
        Set<String> recorded = podsInAuditLog(outP2);
        Map<String, int[]> perMechanism = new TreeMap<>(); // truth mechanism -> calls, workload right, exact pod
        Map<String, Integer> confusion = new TreeMap<>();
        List<String> wrongMechanism = new ArrayList<>();
        Map<String, Integer> unknownWithoutIssuer = new TreeMap<>();
        Map<String, Integer> missingByClass = new TreeMap<>();
        List<String> wrongWorkload = new ArrayList<>();
        List<String> notExact = new ArrayList<>();
        List<String> truePodMissing = new ArrayList<>();
        List<String> badCandidates = new ArrayList<>();
        List<String> wrongRole = new ArrayList<>();
        List<String> wrongCluster = new ArrayList<>();
        int withTruePod = 0;
        int truePodFound = 0;
        int exactPods = 0;
        long candidateSum = 0;
        int rowsWithCandidates = 0;
        int issuerOutsideIrsa = 0;
        int issuerOutsideIrsaWithWorkload = 0;
        int podIdentityInWindow = 0;
        int workloadChecked = 0;
        int terminatingCandidates = 0;
        int candidatesChecked = 0;
        List<String> nodeRoleProblems = new ArrayList<>();
        Map<String, long[]> candidatesPerMechanism = new TreeMap<>(); // attributed mechanism -> rows, candidates

        for (JsonNode t : truth.calls.values()) {
            String eventId = t.path("eventId").asText();
            GenericRecord a = byEvent.get(eventId);
            String mechanism = text(t, "mechanism");
            String actual = str(a, "mechanism");
            confusion.merge(mechanism + " -> " + actual, 1, Integer::sum);
            int[] figures = perMechanism.computeIfAbsent(mechanism, k -> new int[3]);
            figures[0]++;
            boolean signed = text(t, "accessKeyId") != null;
            boolean issuerOutside = t.path("issuerInWindow").isBoolean()
                    && !t.path("issuerInWindow").asBoolean();
            if (signed && !mechanism.equals(actual)) {
                if (issuerOutside && !KUBERNETES.contains(mechanism) && actual.equals("UNKNOWN")) {
                    // Without the issuing event a SAML or chained session is just an assumed role: its mechanism is
                    // unknown.
                    unknownWithoutIssuer.merge(mechanism, 1, Integer::sum);
                } else {
                    wrongMechanism.add(eventId + " truth " + mechanism + " issuerInWindow=" + text(t, "issuerInWindow")
                            + " got " + actual);
                }
            }
            if (signed
                    && text(t, "roleArn") != null
                    && text(t, "roleArn").contains(":role/")
                    && !text(t, "roleArn").equals(str(a, "roleArn"))) {
                wrongRole.add(eventId + " truth " + text(t, "roleArn") + " got " + str(a, "roleArn"));
            }
            boolean inWindow = t.path("issuerInWindow").asBoolean(false);
            boolean workloadMechanism = mechanism.equals("IRSA") || mechanism.equals("POD_IDENTITY");
            if (signed
                    && workloadMechanism
                    && text(t, "cluster") != null
                    && !text(t, "cluster").equals(str(a, "cluster"))) {
                wrongCluster.add(
                        eventId + " " + mechanism + " truth " + text(t, "cluster") + " got " + str(a, "cluster"));
            }
            // The workload is known when the session's issuing event is in the input: calls made with it (also through
            // a role chain from such a session), and the IRSA mint row itself (the issuing event, unsigned).
            boolean issuerSeen = signed ? inWindow : mechanism.equals("IRSA");
            if ((workloadMechanism || mechanism.equals("ROLE_CHAIN"))
                    && issuerSeen
                    && text(t, "serviceAccount") != null) {
                workloadChecked++;
                String want = text(t, "cluster") + "/" + text(t, "namespace") + "/" + text(t, "serviceAccount");
                String got = str(a, "cluster") + "/" + str(a, "namespace") + "/" + str(a, "serviceAccount");
                if (want.equals(got)) {
                    figures[1]++;
                } else {
                    wrongWorkload.add(eventId + " " + mechanism + " truth " + want + " got " + got);
                }
            }
            if (signed && mechanism.equals("IRSA") && !inWindow) {
                issuerOutsideIrsa++;
                if (str(a, "serviceAccount") != null) {
                    issuerOutsideIrsaWithWorkload++;
                }
            }
            if (signed && mechanism.equals("POD_IDENTITY") && inWindow) {
                podIdentityInWindow++;
                if (text(t, "podUid").equals(str(a, "podUid"))) {
                    figures[2]++;
                } else {
                    notExact.add(eventId + " truth pod " + text(t, "podUid") + " got " + str(a, "podUid")
                            + " candidates " + strings(a, "podCandidates"));
                }
            }
            if (str(a, "podUid") != null) {
                exactPods++;
            }
            List<String> candidates = strings(a, "podCandidates");
            if (!candidates.isEmpty()) {
                rowsWithCandidates++;
                candidateSum += candidates.size();
            }
            String truePod = text(t, "podUid");
            if (truePod != null) {
                withTruePod++;
                if (truePod.equals(str(a, "podUid")) || candidates.contains(truePod)) {
                    truePodFound++;
                } else {
                    String reason = whyTruePodIsMissing(t, a, recorded);
                    missingByClass.merge(
                            reason == null
                                    ? mechanism + " issuerInWindow=" + text(t, "issuerInWindow") + " basis="
                                            + str(a, "basis")
                                    : reason,
                            1,
                            Integer::sum);
                    if (reason == null) {
                        truePodMissing.add(eventId + " " + mechanism + " issuerInWindow=" + text(t, "issuerInWindow")
                                + " truth pod " + truePod + " " + lifetime(truth.pods.get(truePod)) + " issued "
                                + issueTimes(text(t, "accessKeyId")) + " call " + text(t, "eventTime") + " got "
                                + str(a, "podUid")
                                + " "
                                + candidates.stream()
                                        .map(u -> u + lifetime(truth.pods.get(u)))
                                        .toList() + " basis "
                                + str(a, "basis"));
                    }
                }
            }
            long[] perRow = candidatesPerMechanism.computeIfAbsent(actual, k -> new long[2]);
            perRow[0]++;
            perRow[1] += candidates.size();
            if ("INSTANCE_PROFILE".equals(mechanism)) {
                // The node role is shared with the kubelet and agents: never one exact pod, never a workload; the node
                // is
                // the instance's whenever the audit log names it.
                if (str(a, "podUid") != null || str(a, "serviceAccount") != null) {
                    nodeRoleProblems.add(eventId + " names pod " + str(a, "podUid") + " / " + str(a, "serviceAccount"));
                }
                if (str(a, "node") != null && !str(a, "node").equals(text(t, "node"))) {
                    nodeRoleProblems.add(eventId + " node " + str(a, "node") + ", truth " + text(t, "node"));
                }
            }
            for (String uid : candidates) {
                candidatesChecked++;
                String why = candidateProblem(t, a, uid, auditSkew, TERMINATION_GRACE);
                if (why == null && candidateProblem(t, a, uid, auditSkew, Duration.ZERO) != null) {
                    terminatingCandidates++;
                }
                if (why != null) {
                    badCandidates.add(eventId + " " + actual + " candidate " + uid + ": " + why);
                }
            }
        }

        System.out.println("e2e attribution: calls per truth mechanism [calls, workload right, exact pod]:");
        perMechanism.forEach((m, f) -> System.out.printf("  %-16s %6d %6d %6d%n", m, f[0], f[1], f[2]));
        System.out.println("e2e attribution: truth mechanism -> attributed mechanism: " + confusion);
        System.out.printf(
                "e2e attribution: IRSA, Pod Identity and chained calls with issuer in input (and IRSA mints):"
                        + " %d (workload right %d)%n",
                workloadChecked, workloadChecked - wrongWorkload.size());
        System.out.printf(
                "e2e attribution: Pod Identity calls with issuer in input: %d, exact pod %d (%.2f%%)%n",
                podIdentityInWindow,
                podIdentityInWindow - notExact.size(),
                100.0 * (podIdentityInWindow - notExact.size()) / Math.max(1, podIdentityInWindow));
        System.out.printf(
                "e2e attribution: exact pod on %d of %d rows (%.2f%%); %d rows with candidates, mean %.3f"
                        + " candidates%n",
                exactPods,
                rows.size(),
                100.0 * exactPods / rows.size(),
                rowsWithCandidates,
                (double) candidateSum / Math.max(1, rowsWithCandidates));
        System.out.printf(
                "e2e attribution: %d candidates checked (alive, scope); %d alive only in their termination"
                        + " grace%n",
                candidatesChecked, terminatingCandidates);
        candidatesPerMechanism.forEach((m, n) -> System.out.printf(
                "e2e attribution: mean candidates %-16s %.3f over" + " %d rows%n", m, (double) n[1] / n[0], n[0]));
        System.out.printf(
                "e2e attribution: calls with a true pod %d, true pod named or candidate %d (%.2f%%)%n",
                withTruePod, truePodFound, 100.0 * truePodFound / Math.max(1, withTruePod));
        System.out.printf(
                "e2e attribution: IRSA calls whose issuer is outside the input: %d (service account named on"
                        + " %d)%n",
                issuerOutsideIrsa, issuerOutsideIrsaWithWorkload);

        System.out.println("e2e attribution: issuer outside the input, mechanism UNKNOWN: " + unknownWithoutIssuer);
        System.out.println("e2e attribution: true pod neither named nor a candidate, by reason: " + missingByClass);
        truePodMissing.stream().limit(5).forEach(m -> System.out.println("e2e attribution:   e.g. " + m));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(wrongMechanism)
                .as("signed calls whose mechanism differs from the truth")
                .isEmpty();
        soft.assertThat(wrongRole)
                .as("signed calls whose role differs from the truth")
                .isEmpty();
        soft.assertThat(wrongCluster)
                .as("IRSA and Pod Identity calls in the wrong cluster")
                .isEmpty();
        soft.assertThat(wrongWorkload)
                .as("IRSA/Pod Identity calls (issuer in input) with a wrong workload")
                .isEmpty();
        soft.assertThat(notExact)
                .as("Pod Identity calls (issuer in input) without the exact true pod")
                .isEmpty();
        soft.assertThat(nodeRoleProblems)
                .as("node-role calls with an exact pod, a workload or another node")
                .isEmpty();
        soft.assertThat(badCandidates)
                .as("candidates that could not have made the call")
                .isEmpty();
        soft.assertThat(truePodMissing)
                .as("calls whose true pod is neither podUid nor a candidate")
                .isEmpty();
        soft.assertAll();
    }

    /**
     * The job must attribute as {@link Correlator}, the single-JVM reference composition of the same core logic, does
     * on the same normalized records (the job's own api_calls and audit_events tables).
     */
    @Test
    void attributesLikeTheSingleJvmReference() throws Exception {
        AnalyzeOptions options = analyzeOptions(input, outP2, 2);
        ClusterDirectory clusters = new ClusterDirectory();
        options.clusterOidcIssuers().forEach(clusters::addCliEntry);
        Correlator reference = correlatorFedBy(outP2, clusters);
        Map<String, GenericRecord> job = attributedByEventId(outP2);
        Map<String, Integer> differences = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        for (ApiCallRow row : OutputTables.readSpecific(outP2, "api_calls", ApiCallRow.class)) {
            ApiCall c = AvroMapper.fromAvro(row);
            AttributedCall want = reference.attribute(c);
            GenericRecord got = job.get(c.eventId());
            String w = want.mechanism() + " " + want.cluster() + "/" + want.namespace() + "/" + want.serviceAccount()
                    + " pod " + want.podUid() + " " + want.podCandidates();
            String g = str(got, "mechanism") + " " + str(got, "cluster") + "/" + str(got, "namespace") + "/"
                    + str(got, "serviceAccount") + " pod " + str(got, "podUid") + " " + strings(got, "podCandidates");
            if (!w.equals(g)) {
                String cls = c.eventSource() + " " + c.eventName() + " " + want.mechanism() + " (" + want.basis() + ")";
                if (differences.merge(cls, 1, Integer::sum) <= 2) {
                    examples.add(c.eventId() + " " + cls + ": reference " + w + ", job " + g);
                }
            }
        }
        System.out.println("e2e reference: calls where the job differs from Correlator, by class: " + differences);
        examples.forEach(e -> System.out.println("e2e reference:   e.g. " + e));
        assertThat(examples)
                .as("calls the job attributes differently from the Correlator reference")
                .isEmpty();
    }

    /**
     * An IRSA mint (AssumeRoleWithWebIdentity, the session's issuing event) is made by a pod of the service account the
     * token names, alive at that moment: its row must list that pod among the candidates, as the later calls of the
     * session do and as {@link Correlator} does.
     */
    @Test
    void irsaMintCallNamesTheMintingPods() throws Exception {
        Set<String> recorded = podsInAuditLog(outP2);
        Map<String, GenericRecord> job = attributedByEventId(outP2);
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (JsonNode t : truth.calls.values()) {
            if (!"IRSA".equals(text(t, "mechanism")) || text(t, "accessKeyId") != null || text(t, "podUid") == null) {
                continue;
            }
            if (!truePodInAuditLog(t, recorded)) {
                continue;
            }
            checked++;
            GenericRecord a = job.get(text(t, "eventId"));
            if (!strings(a, "podCandidates").contains(text(t, "podUid"))
                    && !text(t, "podUid").equals(str(a, "podUid"))) {
                missing.add(text(t, "eventId") + " " + text(t, "eventName") + " by pod " + text(t, "podUid") + " of "
                        + str(a, "namespace") + "/" + str(a, "serviceAccount") + ": candidates "
                        + strings(a, "podCandidates")
                        + ", basis " + str(a, "basis"));
            }
        }
        System.out.printf(
                "e2e bug check: %d IRSA mint rows whose pod is in the audit log, %d without it as candidate%n",
                checked, missing.size());
        assertThat(checked).isPositive();
        assertThat(missing)
                .as("IRSA mint rows without the minting pod among the candidates")
                .isEmpty();
    }

    /**
     * A Pod Identity session whose issuing event is outside the input is still named eks-CLUSTER-POD-...: the pod
     * (and with it namespace and service account) is found by that name, as {@link Correlator} does. The same holds
     * for eks-auth's AssumeRole for a pod whose association has session tags disabled.
     */
    @Test
    void podIdentitySessionNameFindsThePod() throws Exception {
        Set<String> recorded = podsInAuditLog(outP2);
        Map<String, GenericRecord> job = attributedByEventId(outP2);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (JsonNode t : truth.calls.values()) {
            boolean outside = "POD_IDENTITY".equals(text(t, "mechanism"))
                    && t.path("issuerInWindow").isBoolean()
                    && !t.path("issuerInWindow").asBoolean();
            boolean eksAuthMint = "AWS_SERVICE".equals(text(t, "mechanism")) && text(t, "podUid") != null;
            if (!(outside || eksAuthMint)) {
                continue;
            }
            if (!truePodInAuditLog(t, recorded)) {
                continue;
            }
            checked++;
            GenericRecord a = job.get(text(t, "eventId"));
            String want = text(t, "cluster") + "/" + text(t, "namespace") + "/" + text(t, "serviceAccount") + " pod "
                    + text(t, "podUid");
            String got = str(a, "cluster") + "/" + str(a, "namespace") + "/" + str(a, "serviceAccount") + " pod "
                    + (strings(a, "podCandidates").contains(text(t, "podUid")) ? text(t, "podUid") : str(a, "podUid"));
            if (!want.equals(got)) {
                wrong.add(text(t, "eventId") + " " + text(t, "eventName") + " " + text(t, "mechanism") + ": truth "
                        + want + ", got " + got + " " + strings(a, "podCandidates") + " (" + str(a, "basis") + ")");
            }
        }
        System.out.printf(
                "e2e bug check: %d Pod Identity calls named by session name only, %d without their pod%n",
                checked, wrong.size());
        wrong.stream().limit(3).forEach(w -> System.out.println("e2e bug check:   e.g. " + w));
        assertThat(checked).isPositive();
        assertThat(wrong)
                .as("Pod Identity calls by session name without their workload and pod")
                .isEmpty();
    }

    /** The Correlator fed the job's own normalized records in {@code out} (audit events, then calls). */
    static Correlator correlatorFedBy(Path out, ClusterDirectory clusters) throws IOException {
        Correlator reference = new Correlator(clusters, Attributor.defaults());
        for (AuditEventRow e : OutputTables.readSpecific(out, "audit_events", AuditEventRow.class)) {
            reference.observeAudit(AvroMapper.fromAvro(e));
        }
        List<ApiCall> calls = new ArrayList<>();
        for (ApiCallRow c : OutputTables.readSpecific(out, "api_calls", ApiCallRow.class)) {
            calls.add(AvroMapper.fromAvro(c));
        }
        calls.forEach(reference::observeCall);
        return reference;
    }

    /** The job's attributed_calls rows in {@code out}, by eventId. */
    static Map<String, GenericRecord> attributedByEventId(Path out) throws IOException {
        Map<String, GenericRecord> job = new HashMap<>();
        for (GenericRecord r : OutputTables.read(out, "attributed_calls")) {
            job.put(str(r, "eventId"), r);
        }
        return job;
    }

    /**
     * Why the attribution cannot name the true pod, when that is legitimate; null when the true pod
     * should have been found. Legitimate: the audit log never shows the pod (it ran before the window and nothing
     * touched it), or the session's issuing event is outside the input so the service account (IRSA) or the whole
     * mechanism (role chain) is unknown.
     */
    private static String whyTruePodIsMissing(JsonNode t, GenericRecord a, Set<String> recorded) {
        if (!truePodInAuditLog(t, recorded)) {
            return "pod never in the audit log";
        }
        String mechanism = text(t, "mechanism");
        boolean issuerOutside = t.path("issuerInWindow").isBoolean()
                && !t.path("issuerInWindow").asBoolean();
        if (issuerOutside && mechanism.equals("IRSA")) {
            return "IRSA issuer outside the input (service account unknown)";
        }
        if (issuerOutside && mechanism.equals("ROLE_CHAIN") && "UNKNOWN".equals(str(a, "mechanism"))) {
            return "role chain issuer outside the input (mechanism unknown)";
        }
        return null;
    }

    /** Whether the audit log names the true pod of truth call {@code t} ({@code recorded}: {@link #podsInAuditLog}). */
    private static boolean truePodInAuditLog(JsonNode t, Set<String> recorded) {
        JsonNode pod = truth.pods.get(text(t, "podUid"));
        return recorded.contains(podKey(text(pod, "cluster"), text(pod, "namespace"), text(pod, "name")));
    }

    /** cluster/namespace/name of every pod an audit event names (by objectRef, or the object it created). */
    static Set<String> podsInAuditLog(Path out) throws IOException {
        Set<String> pods = new HashSet<>();
        for (GenericRecord e : OutputTables.read(out, "audit_events")) {
            GenericRecord ref = (GenericRecord) e.get("objectRef");
            if (ref == null || !"pods".equals(str(ref, "resource"))) {
                continue;
            }
            if (str(ref, "name") != null) {
                pods.add(podKey(str(e, "cluster"), str(ref, "namespace"), str(ref, "name")));
            }
            for (String object : new String[] {str(e, "responseObject"), str(e, "requestObject")}) {
                if (object != null && object.startsWith("{")) {
                    JsonNode name = Truth.JSON.readTree(object).path("metadata").path("name");
                    if (name.isTextual()) {
                        pods.add(podKey(str(e, "cluster"), str(ref, "namespace"), name.asText()));
                    }
                }
            }
        }
        return pods;
    }

    private static String podKey(String cluster, String namespace, String name) {
        return cluster + "/" + namespace + "/" + name;
    }

    /**
     * Why a candidate pod could not have made the call, or null. A candidate must exist, and be of the session's
     * service account (IRSA, Pod Identity) or on the session's node (instance profile), alive at the time the
     * attributor looks at: the session's issue for IRSA and Pod Identity, the call for the node role. Tolerance: the
     * attributor's 5 s, plus the cluster's audit clock skew (pod times are read from the audit log), plus CloudTrail's
     * whole-second eventTime.
     */
    private static String candidateProblem(
            JsonNode t, GenericRecord a, String uid, Map<String, Duration> auditSkew, Duration grace) {
        JsonNode pod = truth.pods.get(uid);
        if (pod == null) {
            return "no such pod in truth";
        }
        String mechanism = str(a, "mechanism");
        Duration tolerance = SKEW.plus(auditSkew.getOrDefault(text(pod, "cluster"), Duration.ZERO))
                .plus(SECOND_TRUNCATION);
        Instant callTime = Instant.ofEpochMilli((Long) a.get("eventTime"));
        if ("INSTANCE_PROFILE".equals(mechanism)) {
            if (!text(pod, "node").equals(text(t, "node"))) {
                return "on node " + text(pod, "node") + ", call from node " + text(t, "node");
            }
            return alive(pod, callTime, tolerance, grace)
                    ? null
                    : "not alive at the call " + callTime + " " + lifetime(pod);
        }
        String workload = text(pod, "cluster") + "/" + text(pod, "namespace") + "/" + text(pod, "serviceAccount");
        String want = text(t, "cluster") + "/" + text(t, "namespace") + "/" + text(t, "serviceAccount");
        if (!workload.equals(want)) {
            return "of " + workload + ", call from " + want;
        }
        List<Instant> issues = issueTimes(text(t, "accessKeyId"));
        if (issues.isEmpty()) {
            issues = List.of(callTime);
        }
        for (Instant at : issues) {
            if (alive(pod, at, tolerance, grace)) {
                return null;
            }
        }
        return "not alive at the session's issue " + issues + " " + lifetime(pod);
    }

    /** The issue times along a session's chain (the session itself, then its parents). */
    private static List<Instant> issueTimes(String accessKeyId) {
        List<Instant> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String key = accessKeyId; key != null && seen.add(key); ) {
            JsonNode s = truth.sessions.get(key);
            if (s == null) {
                break;
            }
            if (Truth.time(s, "issuedAt") != null) {
                out.add(Truth.time(s, "issuedAt"));
            }
            key = text(s, "parentAccessKeyId");
        }
        return out;
    }

    private static boolean alive(JsonNode pod, Instant at, Duration tolerance, Duration grace) {
        Instant start = Truth.time(pod, "start");
        Instant end = Truth.time(pod, "end");
        return !at.isBefore(start.minus(tolerance))
                && (end == null || !at.isAfter(end.plus(grace).plus(tolerance)));
    }

    private static String lifetime(JsonNode pod) {
        if (pod == null) {
            return "[not in truth]";
        }
        return "[" + text(pod, "start") + ", " + text(pod, "end") + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. Sessions, summary counts, k8s_access

    @Test
    void keepsOneSessionPerAccessKeyWithTheTrueMechanism() throws Exception {
        List<GenericRecord> sessions = OutputTables.read(outP2, "sessions");
        Map<String, GenericRecord> byKey = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (GenericRecord s : sessions) {
            if (byKey.put(str(s, "accessKeyId"), s) != null) {
                duplicates.add(str(s, "accessKeyId"));
            }
        }
        Set<String> usedOrMinted = new TreeSet<>();
        for (JsonNode c : truth.calls.values()) {
            if (text(c, "accessKeyId") != null) {
                usedOrMinted.add(text(c, "accessKeyId"));
            }
            if (text(c, "mintedAccessKeyId") != null) {
                usedOrMinted.add(text(c, "mintedAccessKeyId"));
            }
        }
        assertThat(duplicates).as("access keys with more than one session row").isEmpty();
        assertThat(byKey.keySet())
                .as("one session per access key used or minted in the input")
                .containsExactlyInAnyOrderElementsOf(usedOrMinted);

        List<String> wrong = new ArrayList<>();
        int minted = 0;
        Map<String, Integer> perMechanism = new TreeMap<>();
        for (JsonNode s : truth.sessions.values()) {
            if (!s.path("issuingEventWritten").asBoolean()) {
                continue;
            }
            minted++;
            GenericRecord got = byKey.get(text(s, "accessKeyId"));
            String want = text(s, "mechanism");
            perMechanism.merge(want, 1, Integer::sum);
            if (got == null || !want.equals(str(got, "mechanism"))) {
                wrong.add(text(s, "accessKeyId") + " truth " + want + " got "
                        + (got == null ? "no row" : str(got, "mechanism")));
            }
        }
        System.out.printf(
                "e2e sessions: %d rows = %d keys used or minted; %d minted in the input %s%n",
                sessions.size(), usedOrMinted.size(), minted, perMechanism);
        assertThat(wrong)
                .as("sessions minted in the input with another mechanism than the truth")
                .isEmpty();
    }

    @Test
    void summaryCountsAreTheTables() throws Exception {
        JsonNode summary = Truth.JSON.readTree(outP2.resolve("summary.json").toFile());
        Map<String, Long> sessions =
                new TreeMap<>(Map.of("irsa", 0L, "podIdentity", 0L, "instanceProfile", 0L, "other", 0L));
        for (GenericRecord s : OutputTables.read(outP2, "sessions")) {
            String key = switch (str(s, "mechanism")) {
                case "IRSA" -> "irsa";
                case "POD_IDENTITY" -> "podIdentity";
                case "INSTANCE_PROFILE" -> "instanceProfile";
                default -> "other";
            };
            sessions.merge(key, 1L, Long::sum);
        }
        List<GenericRecord> attributed = OutputTables.read(outP2, "attributed_calls");
        long toWorkload = attributed.stream()
                .filter(r ->
                        str(r, "cluster") != null && str(r, "namespace") != null && str(r, "serviceAccount") != null)
                .count();
        long unattributed = attributed.stream()
                .filter(r -> "UNKNOWN".equals(str(r, "mechanism")))
                .count();
        long denied = OutputTables.read(outP2, "api_calls").stream()
                .filter(r -> io.trailtailor.event.ApiCall.isDenial(str(r, "errorCode")))
                .count();
        long truthDenied = truth.calls.values().stream()
                .filter(c -> c.path("denied").asBoolean())
                .count();
        System.out.printf(
                "e2e summary: sessions %s; calls total %d, to workload %d, unattributed %d, denied %d"
                        + " (truth %d)%n",
                sessions, attributed.size(), toWorkload, unattributed, denied, truthDenied);

        sessions.forEach((k, v) -> assertThat(summary.path("sessions").path(k).asLong())
                .as("sessions." + k)
                .isEqualTo(v));
        assertThat(summary.path("calls").path("total").asLong()).isEqualTo(attributed.size());
        assertThat(summary.path("calls").path("attributedToWorkload").asLong()).isEqualTo(toWorkload);
        assertThat(summary.path("calls").path("unattributed").asLong()).isEqualTo(unattributed);
        assertThat(summary.path("calls").path("denied").asLong())
                .isEqualTo(denied)
                .isEqualTo(truthDenied);
        assertThat(summary.path("input").path("cloudtrailRecords").asLong()).isEqualTo(truth.calls.size());

        JsonNode workloads = Truth.JSON.readTree(outP2.resolve("workloads.json").toFile());
        List<String> documents = OutputTables.files(outP2.resolve("policies")).stream()
                .filter(f -> f.endsWith(".json") && !f.endsWith(".cfn.json") && !f.endsWith(".widening.json"))
                .toList();
        long roles = documents.stream()
                .filter(f -> f.startsWith("roles/") && !f.matches(".*\\.part\\d+\\.json"))
                .count();
        System.out.printf(
                "e2e summary: workloads %d, roles %d, policies %d%n", workloads.size(), roles, documents.size());
        assertThat(summary.path("workloads").asLong())
                .as("workloads = entries of workloads.json")
                .isEqualTo(workloads.size());
        assertThat(summary.path("roles").asLong())
                .as("roles = role policies written")
                .isEqualTo(roles);
        assertThat(summary.path("policies").asLong())
                .as("policies = policy documents written")
                .isEqualTo(documents.size());
        for (JsonNode w : workloads) {
            if (w.hasNonNull("policyFile")) {
                assertThat(outP2.resolve(w.path("policyFile").asText()))
                        .as("policyFile of " + w.path("serviceAccount"))
                        .isRegularFile();
            }
        }
    }

    @Test
    void joinsEveryIamAuthenticatedRequestToItsSession() throws Exception {
        long iamRequests = 0;
        for (GenericRecord e : OutputTables.read(outP2, "audit_events")) {
            if (extra((GenericRecord) e.get("user"), "accessKeyId") != null) {
                iamRequests++;
            }
        }
        List<GenericRecord> access = OutputTables.read(outP2, "k8s_access");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (GenericRecord r : access) {
            JsonNode s = truth.sessions.get(str(r, "accessKeyId"));
            if (s == null || !s.path("issuingEventWritten").asBoolean()) {
                continue;
            }
            checked++;
            String want = text(s, "mechanism") + " " + text(s, "roleArn");
            String got = str(r, "mechanism") + " " + str(r, "roleArn");
            if (!want.equals(got)) {
                wrong.add(str(r, "auditId") + " key " + str(r, "accessKeyId") + ": truth " + want + ", got " + got);
            }
        }
        System.out.printf(
                "e2e k8s_access: %d rows for %d IAM-authenticated audit events; %d with a session minted in"
                        + " the input, %d with another mechanism or role%n",
                access.size(), iamRequests, checked, wrong.size());
        assertThat(access).hasSize((int) iamRequests);
        assertThat(access).extracting(r -> str(r, "auditId")).doesNotHaveDuplicates();
        assertThat(wrong).isEmpty();
    }

    @Test
    void showsTheCiPodCreatingPodsInTheOtherCluster() throws Exception {
        // The CI workload: the Pod Identity pods whose role calls the Kubernetes API of a cluster other than its own.
        Map<String, JsonNode> podIdentityWorkloadByRole = new HashMap<>();
        for (JsonNode p : truth.pods.values()) {
            if ("POD_IDENTITY".equals(text(p, "credential"))) {
                podIdentityWorkloadByRole.put(text(p, "roleArn"), p);
            }
        }
        List<GenericRecord> access = OutputTables.read(outP2, "k8s_access");
        List<String> crossCluster = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (GenericRecord r : access) {
            JsonNode pod = podIdentityWorkloadByRole.get(str(r, "roleArn"));
            if (pod == null || text(pod, "cluster").equals(str(r, "targetCluster"))) {
                continue;
            }
            String want = text(pod, "cluster") + "/" + text(pod, "namespace") + "/" + text(pod, "serviceAccount");
            String got =
                    str(r, "sourceCluster") + "/" + str(r, "sourceNamespace") + "/" + str(r, "sourceServiceAccount");
            crossCluster.add(str(r, "targetCluster") + " " + str(r, "verb") + " " + str(r, "resource") + " in "
                    + str(r, "namespace") + " by " + got);
            if (!want.equals(got)) {
                wrong.add(str(r, "auditId") + " truth " + want + " got " + got);
            }
            JsonNode source = str(r, "sourcePodUid") == null ? null : truth.pods.get(str(r, "sourcePodUid"));
            if (str(r, "sourcePodUid") != null
                    && (source == null
                            || !want.equals(text(source, "cluster") + "/" + text(source, "namespace") + "/"
                                    + text(source, "serviceAccount")))) {
                wrong.add(str(r, "auditId") + " source pod " + str(r, "sourcePodUid") + " is not of " + want);
            }
        }
        System.out.printf(
                "e2e k8s_access: %d rows, %d by a Pod Identity role in another cluster, e.g. %s%n",
                access.size(),
                crossCluster.size(),
                crossCluster.stream().distinct().limit(3).toList());
        assertThat(crossCluster)
                .as("Kubernetes requests by a pod's role in another cluster")
                .anyMatch(s -> s.contains(" create pods in "));
        assertThat(wrong).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. Policies vs truth usage

    @Test
    void policiesAllowWhatWasUsedAndNothingElse() throws Exception {
        IamCatalog catalog = IamCatalog.loadDefault();
        Set<String> nodeRoleWorkloads = new TreeSet<>();
        for (JsonNode p : truth.pods.values()) {
            if ("NONE".equals(text(p, "credential"))) {
                nodeRoleWorkloads.add(
                        text(p, "cluster") + "/" + text(p, "namespace") + "/" + text(p, "serviceAccount"));
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> notAllowed = new ArrayList<>();
        List<String> deniedAllowed = new ArrayList<>();
        List<String> unusedAllowed = new ArrayList<>();
        List<String> notPrincipals = new ArrayList<>();
        int principals = 0;
        long allowedPairs = 0;
        long deniedPairs = 0;
        long unusedChecks = 0;
        long noPermissionPairs = 0;

        List<Map.Entry<String, JsonNode>> targets = new ArrayList<>();
        truth.usage
                .path("roles")
                .fields()
                .forEachRemaining(e -> targets.add(Map.entry("role " + e.getKey(), e.getValue())));
        truth.usage
                .path("workloads")
                .fields()
                .forEachRemaining(e -> targets.add(Map.entry("workload " + e.getKey(), e.getValue())));
        for (Map.Entry<String, JsonNode> target : targets) {
            String name = target.getKey();
            String base;
            if (name.startsWith("role ")) {
                String arn = name.substring(5);
                String[] parts = arn.split(":", 6);
                if (!parts[5].startsWith("role/")) {
                    notPrincipals.add(arn); // IAM users and root: the contract writes policies per role only
                    continue;
                }
                base = "policies/roles/" + parts[4] + "/" + parts[5].substring(parts[5].lastIndexOf('/') + 1);
            } else {
                String workload = name.substring(9);
                if (nodeRoleWorkloads.contains(workload)) {
                    notPrincipals.add(workload); // runs on the node role: covered by the node role's policy above
                    continue;
                }
                base = "policies/workloads/" + workload;
            }
            List<PolicyDocument> documents = policyDocuments(outP2, base);
            if (documents.isEmpty()) {
                missing.add(name + " (" + base + ".json)");
                continue;
            }
            principals++;
            PolicyEvaluator policy = new PolicyEvaluator(documents);
            Set<String> usedActions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            Set<String> usedResources = new TreeSet<>();
            Set<String> services = new TreeSet<>();
            for (JsonNode pair : target.getValue().path("allowed")) {
                allowedPairs++;
                String action = pair.path("action").asText();
                String resource = pair.path("resource").asText();
                usedActions.add(action);
                usedResources.add(resource);
                services.add(action.substring(0, action.indexOf(':')));
                if (NEEDS_NO_PERMISSION.contains(action)) {
                    noPermissionPairs++;
                    continue;
                }
                if (!policy.isAllowed(action, resource)) {
                    notAllowed.add(name + ": " + action + " on " + resource);
                }
            }
            for (JsonNode pair : target.getValue().path("denied")) {
                deniedPairs++;
                String action = pair.path("action").asText();
                String resource = pair.path("resource").asText();
                usedActions.add(action);
                usedResources.add(resource);
                services.add(action.substring(0, action.indexOf(':')));
                if (policy.isAllowed(action, resource)) {
                    deniedAllowed.add(name + ": " + action + " on " + resource);
                }
            }
            usedResources.add("*");
            for (String service : services) {
                for (ActionInfo info : catalog.expand(service + ":*")) {
                    String action = info.qualifiedName();
                    if (usedActions.contains(action)) {
                        continue;
                    }
                    for (String resource : usedResources) {
                        unusedChecks++;
                        if (policy.isAllowed(action, resource)) {
                            unusedAllowed.add(name + ": " + action + " on " + resource);
                            break;
                        }
                    }
                }
            }
        }
        System.out.printf(
                "e2e policies: %d principals checked; %d used pairs, %d denied pairs, %d unused-action"
                        + " checks; not policy principals: %s%n",
                principals, allowedPairs, deniedPairs, unusedChecks, notPrincipals);
        System.out.printf(
                "e2e policies: %d used pairs need no permission %s%n", noPermissionPairs, NEEDS_NO_PERMISSION);
        System.out.printf(
                "e2e policies: missing %d, used not allowed %d, denied allowed %d, unused allowed %d%n",
                missing.size(), notAllowed.size(), deniedAllowed.size(), unusedAllowed.size());
        assertThat(missing)
                .as("principals in truth without a policy at the contract path")
                .isEmpty();
        assertThat(notAllowed)
                .as("used (action, resource) pairs the policy does not allow")
                .isEmpty();
        assertThat(deniedAllowed)
                .as("denied pairs the policy allows (default options)")
                .isEmpty();
        assertThat(unusedAllowed)
                .as("actions never used that the policy allows")
                .isEmpty();
    }

    @Test
    void everyPolicyDocumentParsesWithTheAwsSdk() throws Exception {
        List<String> docs = OutputTables.files(outP2.resolve("policies")).stream()
                .filter(f -> f.endsWith(".json") && !f.endsWith(".cfn.json") && !f.endsWith(".widening.json"))
                .toList();
        List<String> failed = new ArrayList<>();
        for (String f : docs) {
            try {
                IamPolicy policy = IamPolicy.fromJson(
                        Files.readString(outP2.resolve("policies").resolve(f)));
                if (policy.statements().isEmpty()) {
                    failed.add(f + ": no statements");
                }
            } catch (RuntimeException e) {
                failed.add(f + ": " + e.getMessage());
            }
        }
        System.out.printf("e2e policies: %d policy documents parsed by IamPolicy.fromJson%n", docs.size());
        assertThat(docs).isNotEmpty();
        assertThat(failed).isEmpty();
    }

    private static List<PolicyDocument> policyDocuments(Path out, String base) throws IOException {
        List<PolicyDocument> docs = new ArrayList<>();
        Path first = out.resolve(base + ".json");
        if (!Files.isRegularFile(first)) {
            return docs;
        }
        docs.add(PolicyDocument.fromJson(Files.readString(first)));
        for (int part = 2; Files.isRegularFile(out.resolve(base + ".part" + part + ".json")); part++) {
            docs.add(PolicyDocument.fromJson(Files.readString(out.resolve(base + ".part" + part + ".json"))));
        }
        return docs;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. RBAC

    @Test
    void rbacGrantsExactlyWhatEachPrincipalDid() throws Exception {
        // What the audit log shows each principal doing: (cluster, principal) -> "scope|group|resource|verb".
        Map<String, Set<String>> done = new TreeMap<>();
        Map<String, Set<String>> names = new HashMap<>();
        for (GenericRecord e : OutputTables.read(outP2, "audit_events")) {
            GenericRecord ref = (GenericRecord) e.get("objectRef");
            if (ref == null || ref.get("resource") == null || e.get("verb") == null) {
                continue;
            }
            GenericRecord user = e.get("impersonatedUser") != null
                            && ((GenericRecord) e.get("impersonatedUser")).get("username") != null
                    ? (GenericRecord) e.get("impersonatedUser")
                    : (GenericRecord) e.get("user");
            String principal = firstNonBlank(extra(user, "canonicalArn"), extra(user, "arn"), str(user, "username"));
            String decision = str(e, "decision");
            Integer code = (Integer) e.get("responseCode");
            boolean allowed =
                    !(decision != null && decision.toLowerCase(Locale.ROOT).startsWith("forbid"))
                            && !(code != null && (code == 401 || code == 403));
            if (principal == null || !allowed) {
                continue;
            }
            String resource =
                    str(ref, "resource") + (str(ref, "subresource") == null ? "" : "/" + str(ref, "subresource"));
            String scope = str(ref, "namespace") == null ? "" : str(ref, "namespace");
            String group = str(ref, "apiGroup") == null ? "" : str(ref, "apiGroup");
            String tuple = scope + "|" + group + "|" + resource + "|" + str(e, "verb");
            done.computeIfAbsent(str(e, "cluster") + " " + principal, k -> new TreeSet<>())
                    .add(tuple);
            if (str(ref, "name") != null) {
                names.computeIfAbsent(str(e, "cluster") + " " + principal + " " + tuple, k -> new TreeSet<>())
                        .add(str(ref, "name"));
            }
        }

        Map<String, Set<String>> granted = new TreeMap<>();
        List<String> namesProblems = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        List<String> files = OutputTables.files(outP2.resolve("rbac"));
        for (String f : files) {
            String cluster = Path.of(f).getParent().toString();
            try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class)
                    .readValues(outP2.resolve("rbac").resolve(f).toFile())) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    String kind = doc.path("kind").asText();
                    if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
                        continue;
                    }
                    String principal = doc.path("metadata")
                            .path("annotations")
                            .path("trailtailor.io/principal")
                            .asText();
                    String key = cluster + " " + principal;
                    String scope = kind.equals("Role")
                            ? doc.path("metadata").path("namespace").asText()
                            : "";
                    Set<String> tuples = granted.computeIfAbsent(key, k -> new TreeSet<>());
                    for (JsonNode rule : doc.path("rules")) {
                        for (JsonNode group : rule.path("apiGroups")) {
                            for (JsonNode resource : rule.path("resources")) {
                                for (JsonNode verb : rule.path("verbs")) {
                                    String tuple = scope + "|" + group.asText() + "|" + resource.asText() + "|"
                                            + verb.asText();
                                    tuples.add(tuple);
                                    if (rule.has("resourceNames")) {
                                        Set<String> allowedNames = new TreeSet<>();
                                        rule.path("resourceNames").forEach(n -> allowedNames.add(n.asText()));
                                        Set<String> used = names.getOrDefault(key + " " + tuple, Set.of());
                                        if (!allowedNames.containsAll(used)) {
                                            namesProblems.add(
                                                    key + " " + tuple + " names " + allowedNames + " but used " + used);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (String key : granted.keySet()) {
            Set<String> want = done.getOrDefault(key, Set.of());
            Set<String> got = granted.get(key);
            if (!want.equals(got)) {
                Set<String> extra = new TreeSet<>(got);
                extra.removeAll(want);
                Set<String> lacking = new TreeSet<>(want);
                lacking.removeAll(got);
                mismatches.add(key + ": granted but not done " + extra + "; done but not granted " + lacking);
            }
        }
        Set<String> withoutFile = new TreeSet<>(done.keySet());
        withoutFile.removeAll(granted.keySet());
        System.out.printf(
                "e2e rbac: %d files, %d (cluster, principal) granted, %d tuples; principals with allowed"
                        + " requests but no file: %s%n",
                files.size(),
                granted.size(),
                granted.values().stream().mapToInt(Set::size).sum(),
                withoutFile);
        assertThat(mismatches)
                .as("RBAC that differs from what the principal did")
                .isEmpty();
        assertThat(namesProblems).as("resourceNames that leave out a name used").isEmpty();
        assertThat(withoutFile)
                .as("principals with allowed requests but no RBAC file")
                .isEmpty();
    }

    private static String extra(GenericRecord user, String key) {
        Object extra = user.get("extra");
        if (extra instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (key.equals(String.valueOf(e.getKey())) && e.getValue() instanceof List<?> l && !l.isEmpty()) {
                    return String.valueOf(l.get(0));
                }
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 5. Determinism

    @Test
    void parallelismTwoAndFourWriteTheSameOutputs() throws Exception {
        for (String table : OutputTables.TABLES) {
            List<String> p2 = OutputTables.rowsWithPartition(outP2, table);
            List<String> p4 = OutputTables.rowsWithPartition(outP4, table);
            assertThat(p4).as("rows of " + table).hasSameSizeAs(p2);
            assertThat(p4).as("rows of " + table).isEqualTo(p2);
            System.out.printf("e2e determinism: %s %d rows equal%n", table, p2.size());
        }
        for (String tree : List.of("policies", "rbac", "quarantine")) {
            List<String> files = OutputTables.files(outP2.resolve(tree));
            assertThat(OutputTables.files(outP4.resolve(tree)))
                    .as(tree + " files")
                    .isEqualTo(files);
            for (String f : files) {
                assertThat(Files.readString(outP4.resolve(tree).resolve(f)))
                        .as(tree + "/" + f)
                        .isEqualTo(Files.readString(outP2.resolve(tree).resolve(f)));
            }
            System.out.printf("e2e determinism: %s %d files equal%n", tree, files.size());
        }
        for (String f : List.of("workloads.json", "unmapped-events.json")) {
            assertThat(Files.readString(outP4.resolve(f))).as(f).isEqualTo(Files.readString(outP2.resolve(f)));
        }
        assertThat(summaryCounts(outP4)).isEqualTo(summaryCounts(outP2));
    }

    /** summary.json without what legitimately differs between the runs: timings, --out and --parallelism. */
    private static JsonNode summaryCounts(Path out) throws IOException {
        ObjectNode s =
                (ObjectNode) Truth.JSON.readTree(out.resolve("summary.json").toFile());
        s.remove(List.of("startedAt", "finishedAt", "durationSeconds"));
        ((ObjectNode) s.path("options")).remove(List.of("out", "parallelism"));
        return s;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 6. No secrets

    @Test
    void writesNoSessionTokenAnywhere() throws Exception {
        assertThat(anyInputContains("FAKE-SESSION-TOKEN"))
                .as("the input has session tokens to leak")
                .isTrue();
        for (Path out : List.of(outP2, outP4)) {
            List<String> leaks = new ArrayList<>();
            int checked = 0;
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    checked++;
                    String text;
                    if (p.toString().endsWith(".parquet")) {
                        StringBuilder sb = new StringBuilder();
                        OutputTables.readFile(p).forEach(r -> sb.append(r).append('\n'));
                        text = sb.toString();
                    } else {
                        text = Files.readString(p);
                    }
                    if (text.contains("FAKE-SESSION-TOKEN")
                            || text.toLowerCase(Locale.ROOT).contains("sessiontoken")) {
                        leaks.add(out.relativize(p).toString());
                    }
                }
            }
            System.out.printf("e2e secrets: %d files of %s checked%n", checked, out.getFileName());
            assertThat(leaks)
                    .as("files with a session token or a sessionToken key")
                    .isEmpty();
        }
    }

    private static boolean anyInputContains(String needle) throws IOException {
        try (Stream<Path> walk = Files.walk(input.resolve("cloudtrail"))) {
            for (Path p : walk.filter(f ->
                            f.toString().endsWith(".json.gz") && !f.toString().contains("Digest"))
                    .toList()) {
                try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(p))) {
                    if (new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains(needle)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
