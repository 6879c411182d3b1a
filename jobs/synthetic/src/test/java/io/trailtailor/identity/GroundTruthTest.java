package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.LogFileReader;
import io.trailtailor.event.Quarantined;
import io.trailtailor.event.RecordSink;
import io.trailtailor.synthetic.Generator;
import io.trailtailor.synthetic.GeneratorOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribution against the synthetic generator's ground truth ({@code io.trailtailor.synthetic}): generated CloudTrail
 * and EKS audit files are read with the production readers, correlated with {@link Correlator}, and every call is
 * compared with what the generator knows made it.
 */
class GroundTruthTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    static Map<String, JsonNode> truthCalls = new LinkedHashMap<>();
    static Map<String, JsonNode> truthPods = new HashMap<>();
    static Map<String, AttributedCall> attributed = new HashMap<>();
    /** Pods the audit log shows at all; one that neither starts, changes nor ends in the window cannot be named. */
    static java.util.Set<String> observedPods = new java.util.HashSet<>();

    @BeforeAll
    static void generateAndAttribute() throws IOException {
        Generator.generate(GeneratorOptions.defaults().withEvents(10_000).withSeed(42), dir, null);
        JsonNode manifest = MAPPER.readTree(dir.resolve("truth/manifest.json").toFile());
        ClusterDirectory clusters = new ClusterDirectory();
        for (JsonNode c : manifest.path("clusters")) {
            if ("option".equals(text(c, "issuerSource"))) {
                clusters.addCliEntry(text(c, "clusterOption")); // what the user passes as --cluster
            }
        }
        List<ApiCall> calls = new ArrayList<>();
        Correlator correlator = new Correlator(clusters, Attributor.defaults());
        Map<String, ApiCall> byId = new LinkedHashMap<>();
        RecordSink sink = new RecordSink() {
            @Override
            public void apiCall(ApiCall call) {
                byId.putIfAbsent(call.eventId(), call);
            }

            @Override
            public void auditEvent(AuditEvent event) {
                correlator.observeAudit(event);
            }

            @Override
            public void quarantined(Quarantined rejected) {}
        };
        read(dir.resolve("cloudtrail"), null, sink);
        for (JsonNode c : manifest.path("clusters")) {
            read(dir.resolve(text(c, "auditPath")), text(c, "name"), sink); // --k8s-audit CLUSTER=SRC
        }
        calls.addAll(byId.values());
        calls.forEach(correlator::observeCall);
        correlator.podLifetimes().forEach(p -> observedPods.add(p.uid()));
        for (ApiCall c : calls) {
            attributed.put(c.eventId(), correlator.attribute(c));
        }
        for (JsonNode n : lines(dir.resolve("truth/calls.jsonl.gz"))) {
            truthCalls.putIfAbsent(n.path("eventId").asText(), n);
        }
        for (JsonNode n : lines(dir.resolve("truth/pods.jsonl.gz"))) {
            truthPods.put(n.path("uid").asText(), n);
        }
    }

    private static void read(Path root, String cluster, RecordSink sink) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (LogFileReader.skipReasonForPath(f.toString()) != null) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(f)) {
                    new LogFileReader(f.toString(), cluster, sink).read(in);
                }
            }
        }
    }

    private static List<JsonNode> lines(Path gz) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(MAPPER.readTree(line));
                }
            }
        }
        return out;
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.path(f);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    @Test
    void everyCallOfTheTruthIsReadAndAttributed() {
        assertThat(attributed.keySet()).containsAll(truthCalls.keySet());
    }

    /**
     * Without its issuing event a SAML or role-chain session looks like any assumed role (nothing in userIdentity says
     * how it was made), and an IRSA session names its cluster but not its service account: those are the expected
     * gaps, everything else must match.
     */
    private static boolean notInferable(JsonNode t) {
        String m = text(t, "mechanism");
        return t.path("issuerInWindow").isBoolean()
                && !t.path("issuerInWindow").asBoolean()
                && (m.equals("SAML") || m.equals("ROLE_CHAIN") || m.equals("IRSA"));
    }

    @Test
    void mechanismMatchesTheTruthExceptWhereTheCallCannotTell() {
        Map<String, Integer> mismatches = new TreeMap<>();
        for (JsonNode t : truthCalls.values()) {
            AttributedCall a = attributed.get(text(t, "eventId"));
            if (!a.mechanism().name().equals(text(t, "mechanism"))
                    && !(notInferable(t) && a.mechanism() == Mechanism.UNKNOWN)) {
                mismatches.merge(text(t, "mechanism") + "->" + a.mechanism(), 1, Integer::sum);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void workloadIsExactWheneverTheServiceAccountIsKnown() {
        int checked = 0;
        for (JsonNode t : truthCalls.values()) {
            AttributedCall a = attributed.get(text(t, "eventId"));
            if (a.serviceAccount() != null) {
                checked++;
                assertThat(List.of(a.cluster(), a.namespace(), a.serviceAccount()))
                        .as("workload of %s", a.eventId())
                        .containsExactly(text(t, "cluster"), text(t, "namespace"), text(t, "serviceAccount"));
            }
        }
        assertThat(checked).isGreaterThan(truthCalls.size() / 2);
    }

    @Test
    void truePodIsAlwaysACandidateAndEveryCandidateFits() {
        int withPod = 0;
        int exact = 0;
        int unobserved = 0;
        long candidates = 0;
        for (JsonNode t : truthCalls.values()) {
            String uid = text(t, "podUid");
            AttributedCall a = attributed.get(text(t, "eventId"));
            if (uid == null || notInferable(t)) {
                continue;
            }
            if (!observedPods.contains(uid)) {
                unobserved++;
                continue;
            }
            withPod++;
            candidates += a.podCandidates().size();
            assertThat(a.podCandidates()).as("candidates of %s", a).contains(uid);
            if (a.podUid() != null) {
                assertThat(a.podUid()).as("exact pod of %s", a.eventId()).isEqualTo(uid);
                exact++;
            }
            for (String c : a.podCandidates()) {
                JsonNode pod = truthPods.get(c);
                assertThat(pod)
                        .as("candidate %s of %s is a real pod", c, a.eventId())
                        .isNotNull();
                if (a.mechanism() == Mechanism.IRSA || a.rootMechanism() == Mechanism.IRSA) {
                    assertThat(text(pod, "serviceAccount")).isEqualTo(text(t, "serviceAccount"));
                }
                if (a.mechanism() == Mechanism.INSTANCE_PROFILE) {
                    assertThat(text(pod, "node")).isEqualTo(text(t, "node"));
                }
            }
        }
        System.out.printf(
                "ground truth: %d calls by a pod seen in the audit log, %d exact (%.1f%%), mean %.2f candidates;"
                        + " %d calls by pods the audit log never shows%n",
                withPod, exact, 100.0 * exact / withPod, candidates / (double) withPod, unobserved);
        assertThat(withPod).isGreaterThan(truthCalls.size() / 2);
    }
}
