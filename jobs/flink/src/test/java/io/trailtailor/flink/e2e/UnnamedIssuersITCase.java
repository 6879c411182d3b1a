package io.trailtailor.flink.e2e;

import static io.trailtailor.flink.e2e.OutputTables.str;
import static io.trailtailor.flink.e2e.OutputTables.strings;
import static io.trailtailor.flink.e2e.Truth.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.identity.AttributedCall;
import io.trailtailor.identity.ClusterDirectory;
import io.trailtailor.identity.Correlator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link EndToEndITCase} estate analyzed as a user with only the audit logs' cluster names would: every
 * {@code --k8s-audit NAME=DIR}, but no {@code --cluster NAME=ISSUER}, and a trail without the EKS
 * {@code DescribeCluster}/{@code CreateCluster} events that name some issuers in the e2e suite (the common case:
 * they are removed from the generated trail). Every issuer must be named from the audit log, so that every call is
 * attributed exactly as with the issuers named by hand.
 */
@Timeout(120)
class UnnamedIssuersITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(2);

    @TempDir
    static Path dir;

    static Path input;
    static Path out;
    static Truth truth;
    /** The options of the e2e suite: the issuers an operator names by hand. */
    static AnalyzeOptions named;

    @BeforeAll
    @Timeout(300)
    static void generateAndAnalyzeWithoutClusterOptions() throws Exception {
        input = dir.resolve("input");
        EndToEndITCase.generateSuiteInput(input);
        int removed = removeEksClusterEvents(input.resolve("cloudtrail"));
        System.out.println("unnamed issuers: EKS cluster events removed from the trail: " + removed);
        out = dir.resolve("out");
        named = EndToEndITCase.analyzeOptions(input, out, 2);
        AnalyzeOptions unnamed = TestAnalysis.options(Path.of(named.out()), k -> {
            k.cloudTrail = named.cloudTrail();
            k.k8sAudit = named.k8sAudit();
            k.filter = named.keyFilter();
            k.parallelism = named.parallelism();
            k.s3 = named.s3();
        });
        TestAnalysis.run(unnamed);
        truth = Truth.load(input);
    }

    /** Rewrites every trail file without its EKS cluster events; returns how many records it removed. */
    private static int removeEksClusterEvents(Path cloudTrail) throws IOException {
        int removed = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(cloudTrail)) {
            files = walk.filter(p ->
                            p.toString().endsWith(".json.gz") && p.toString().contains("/CloudTrail/"))
                    .toList();
        }
        for (Path file : files) {
            JsonNode root;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                root = Truth.JSON.readTree(in);
            }
            ArrayNode records = (ArrayNode) root.path("Records");
            for (Iterator<JsonNode> it = records.elements(); it.hasNext(); ) {
                JsonNode r = it.next();
                if ("eks.amazonaws.com".equals(text(r, "eventSource"))
                        && Set.of("DescribeCluster", "CreateCluster").contains(text(r, "eventName"))) {
                    it.remove();
                    removed++;
                }
            }
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
                Truth.JSON.writeValue(o, root);
            }
        }
        return removed;
    }

    /** Every cluster's issuer, named by hand, as the e2e suite does for those without a DescribeCluster event. */
    private static ClusterDirectory namedByHand() {
        ClusterDirectory byHand = new ClusterDirectory();
        for (JsonNode c : truth.manifest.path("clusters")) {
            byHand.addCliEntry(text(c, "clusterOption"));
        }
        return byHand;
    }

    @Test
    void attributesEveryCallAsWithTheIssuersNamedByHand() throws Exception {
        ClusterDirectory byHand = namedByHand();
        Map<String, AttributedCall> reference = reference(byHand);
        Map<String, GenericRecord> job = EndToEndITCase.attributedByEventId(out);

        Map<String, Integer> differences = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        for (AttributedCall want : reference.values()) {
            GenericRecord got = job.get(want.eventId());
            String w = want.mechanism() + " " + want.cluster() + "/" + want.namespace() + "/" + want.serviceAccount()
                    + " pod " + want.podUid() + " " + want.podCandidates();
            String g = str(got, "mechanism") + " " + str(got, "cluster") + "/" + str(got, "namespace") + "/"
                    + str(got, "serviceAccount") + " pod " + str(got, "podUid") + " " + strings(got, "podCandidates");
            if (!w.equals(g)) {
                String cls = want.mechanism() + " (" + want.basis() + ")";
                if (differences.merge(cls, 1, Integer::sum) <= 2) {
                    examples.add(want.eventId() + " " + cls + ": named by hand " + w + ", job " + g);
                }
            }
        }
        Figures byHandFigures = Figures.of(
                truth, reference.values().stream().collect(Collectors.toMap(AttributedCall::eventId, a -> new String[] {
                    a.cluster() + "/" + a.namespace() + "/" + a.serviceAccount(),
                    a.podUid(),
                    String.join(",", a.podCandidates())
                })));
        Figures jobFigures = Figures.of(
                truth, job.values().stream().collect(Collectors.toMap(r -> str(r, "eventId"), r -> new String[] {
                    str(r, "cluster") + "/" + str(r, "namespace") + "/" + str(r, "serviceAccount"),
                    str(r, "podUid"),
                    String.join(",", strings(r, "podCandidates"))
                })));
        System.out.println("unnamed issuers: named by hand " + byHandFigures);
        System.out.println("unnamed issuers: no --cluster   " + jobFigures);
        System.out.println("unnamed issuers: calls attributed differently, by class: " + differences);
        examples.forEach(e -> System.out.println("unnamed issuers:   e.g. " + e));

        assertThat(job).hasSameSizeAs(reference);
        assertThat(examples)
                .as("calls attributed differently from a run with the issuers named by hand")
                .isEmpty();
        assertThat(jobFigures).isEqualTo(byHandFigures);
    }

    @Test
    void attributesLikeTheSingleJvmReferenceWithoutNames() throws Exception {
        Map<String, AttributedCall> reference = reference(new ClusterDirectory());
        Map<String, GenericRecord> job = EndToEndITCase.attributedByEventId(out);
        List<String> differences = new ArrayList<>();
        for (AttributedCall want : reference.values()) {
            GenericRecord got = job.get(want.eventId());
            String w = want.cluster() + "/" + want.namespace() + "/" + want.serviceAccount() + " pod " + want.podUid()
                    + " " + want.podCandidates();
            String g = str(got, "cluster") + "/" + str(got, "namespace") + "/" + str(got, "serviceAccount") + " pod "
                    + str(got, "podUid") + " " + strings(got, "podCandidates");
            if (!w.equals(g)) {
                differences.add(want.eventId() + ": reference " + w + ", job " + g);
            }
        }
        assertThat(differences)
                .as("calls the job attributes differently from the Correlator reference")
                .isEmpty();
    }

    @Test
    void summaryTellsHowEachIssuerGotItsName() throws Exception {
        JsonNode clusters =
                Truth.JSON.readTree(out.resolve("summary.json").toFile()).path("clusters");
        Map<String, String> namedBy = new TreeMap<>();
        Map<String, String> nameOf = new TreeMap<>();
        for (JsonNode issuer : clusters.path("issuers")) {
            namedBy.put(text(issuer, "issuer"), text(issuer, "namedBy"));
            nameOf.put(text(issuer, "issuer"), text(issuer, "cluster"));
        }
        Map<String, String> wantNamedBy = new TreeMap<>();
        Map<String, String> wantName = new TreeMap<>();
        for (JsonNode c : truth.manifest.path("clusters")) {
            String issuer = ClusterDirectory.normalizeIssuer(text(c, "issuer"));
            wantNamedBy.put(issuer, "audit");
            wantName.put(issuer, text(c, "name"));
        }
        System.out.println("unnamed issuers: summary clusters " + clusters);
        Correlator reference = EndToEndITCase.correlatorFedBy(out, new ClusterDirectory());
        assertThat(clusters.path("issuers"))
                .as("the job's decisions, as the Correlator reference takes them")
                .containsExactlyElementsOf(Truth.JSON.valueToTree(reference.issuerDecisions()));
        assertThat(namedBy).isEqualTo(wantNamedBy);
        assertThat(nameOf).isEqualTo(wantName);
        assertThat(clusters.path("ambiguous")).isEmpty();
    }

    /** The Correlator's attribution of the job's own normalized records, with the given clusters named. */
    private static Map<String, AttributedCall> reference(ClusterDirectory clusters) throws Exception {
        Correlator reference = EndToEndITCase.correlatorFedBy(out, clusters);
        Map<String, AttributedCall> byEvent = new HashMap<>();
        for (ApiCallRow c : OutputTables.readSpecific(out, "api_calls", ApiCallRow.class)) {
            AttributedCall a = reference.attribute(AvroMapper.fromAvro(c));
            byEvent.put(a.eventId(), a);
        }
        return byEvent;
    }

    /**
     * The figures of issue 9 over the truth's IRSA and Pod Identity calls in the input: the share with the right
     * cluster/namespace/serviceAccount (of those whose issuing event is in the input), and the share whose true pod
     * is named or a candidate.
     */
    record Figures(int workloadCalls, int workloadRight, int podCalls, int truePodFound) {

        /** {@code attributed}: eventId → [cluster/namespace/serviceAccount, podUid, comma-joined candidates]. */
        static Figures of(Truth truth, Map<String, String[]> attributed) {
            int workloadCalls = 0;
            int workloadRight = 0;
            int podCalls = 0;
            int truePodFound = 0;
            for (JsonNode t : truth.calls.values()) {
                String mechanism = text(t, "mechanism");
                if (!"IRSA".equals(mechanism) && !"POD_IDENTITY".equals(mechanism)) {
                    continue;
                }
                String[] a = attributed.get(text(t, "eventId"));
                if (a == null) {
                    continue; // an EKS cluster event removed from the input
                }
                boolean signed = text(t, "accessKeyId") != null;
                boolean issuerSeen = signed ? t.path("issuerInWindow").asBoolean(false) : "IRSA".equals(mechanism);
                if (issuerSeen && text(t, "serviceAccount") != null) {
                    workloadCalls++;
                    String want = text(t, "cluster") + "/" + text(t, "namespace") + "/" + text(t, "serviceAccount");
                    if (want.equals(a[0])) {
                        workloadRight++;
                    }
                }
                String pod = text(t, "podUid");
                if (pod != null) {
                    podCalls++;
                    if (a != null
                            && (pod.equals(a[1]) || List.of(a[2].split(",")).contains(pod))) {
                        truePodFound++;
                    }
                }
            }
            return new Figures(workloadCalls, workloadRight, podCalls, truePodFound);
        }

        @Override
        public String toString() {
            return String.format(
                    "IRSA + Pod Identity: right cluster/ns/sa %d of %d (%.1f%%), true pod named or candidate %d of %d"
                            + " (%.1f%%)",
                    workloadRight,
                    workloadCalls,
                    100.0 * workloadRight / Math.max(1, workloadCalls),
                    truePodFound,
                    podCalls,
                    100.0 * truePodFound / Math.max(1, podCalls));
        }
    }
}
