package io.trailtailor.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.synthetic.GeneratedFiles.AuditLine;
import io.trailtailor.synthetic.GeneratedFiles.CtRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratorTest {
    private static final long TINY_EVENTS = 4_000;
    private static final long MIXED_EVENTS = 20_000;

    @TempDir
    static Path tmp;

    private GeneratedFiles tiny;
    private GenerationResult mixedResult;
    private GeneratedFiles mixed;
    private List<CtRecord> mixedRecords;
    private List<JsonNode> mixedCalls;
    private final Map<GeneratedFiles, List<JsonNode>> audit = new HashMap<>();

    @BeforeAll
    void generate() throws IOException {
        GeneratorOptions t = GeneratorOptions.defaults().withScenario("tiny").withEvents(TINY_EVENTS);
        Generator.generate(t, tmp.resolve("tiny"), null);
        tiny = new GeneratedFiles(tmp.resolve("tiny"));
        GeneratorOptions m =
                GeneratorOptions.defaults().withEvents(MIXED_EVENTS).withSeed(7);
        mixedResult = Generator.generate(m, tmp.resolve("mixed"), null);
        mixed = new GeneratedFiles(tmp.resolve("mixed"));
        mixedRecords = mixed.records();
        mixedCalls = mixed.truth("calls.jsonl.gz");
    }

    // ------------------------------------------------------------------------------------------ determinism

    @Test
    void sameSeedWritesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        GeneratorOptions t = GeneratorOptions.defaults().withScenario("tiny").withEvents(TINY_EVENTS);
        Generator.generate(t, tmp.resolve("again"), null);
        Generator.generate(t.withSeed(43), tmp.resolve("other"), null);
        GeneratedFiles again = new GeneratedFiles(tmp.resolve("again"));
        List<String> names = relative(tiny);
        assertThat(relative(again)).isEqualTo(names);
        for (String rel : names) {
            assertThat(Files.readAllBytes(again.root.resolve(rel)))
                    .as(rel)
                    .isEqualTo(Files.readAllBytes(tiny.root.resolve(rel)));
        }
        Set<String> ids = eventIds(tiny.records());
        Set<String> otherIds = eventIds(new GeneratedFiles(tmp.resolve("other")).records());
        assertThat(otherIds).hasSize((int) TINY_EVENTS).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void unknownScenarioIsRejectedNamingTheValidOnes() {
        assertThatThrownBy(() ->
                        Generator.generate(GeneratorOptions.defaults().withScenario("huge"), tmp.resolve("x"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eks-mixed")
                .hasMessageContaining("tiny");
    }

    @Test
    void withoutCallTruthOnlyTheCallFileIsLeftOut() throws IOException {
        GenerationResult r = Generator.generate(
                GeneratorOptions.defaults().withScenario("tiny").withEvents(500).withCallTruth(false),
                tmp.resolve("nocalls"),
                null);
        assertThat(r.truthDir().resolve("calls.jsonl.gz")).doesNotExist();
        for (String f : List.of("pods.jsonl.gz", "sessions.jsonl.gz", "usage.json", "manifest.json")) {
            assertThat(r.truthDir().resolve(f)).exists();
        }
        assertThat(eventIds(new GeneratedFiles(tmp.resolve("nocalls")).records()))
                .hasSize(500);
    }

    @Test
    void tinyScenarioRunsInUnderTwoSeconds() throws IOException {
        // CPU time of this thread, not wall time: on a shared build box wall time measures the neighbours
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Generator.generate(GeneratorOptions.defaults().withScenario("tiny").withSeed(5), tmp.resolve("fast"), null);
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat((mx.getCurrentThreadCpuTime() - cpu0) / 1_000_000).isLessThan(2_000);
        assertThat(wallMs).isLessThan(10_000);
    }

    // ------------------------------------------------------------------------------------------ CloudTrail files

    @Test
    void writesExactlyTheRequestedDistinctRecordsPlusCountedDuplicates() {
        Set<String> distinct = eventIds(mixedRecords);
        assertThat(distinct).hasSize((int) MIXED_EVENTS);
        assertThat(mixedResult.cloudTrailRecords()).isEqualTo(MIXED_EVENTS);
        assertThat((long) mixedRecords.size()).isEqualTo(mixedResult.cloudTrailRecordsWritten());
        assertThat(mixedResult.cloudTrailRecordsWritten() - MIXED_EVENTS).isEqualTo(mixedResult.duplicates());
        assertThat(mixedResult.duplicates()).isBetween(MIXED_EVENTS / 400, MIXED_EVENTS / 100);
        assertThat(mixedResult.cloudTrailFiles()).isEqualTo(mixed.trailFiles().size());
        assertThat(eventIds(tiny.records())).hasSize((int) TINY_EVENTS);
    }

    @Test
    void everyRecordHasIdTimeSourceAndName() {
        for (CtRecord r : mixedRecords) {
            for (String f : List.of(
                    "eventID",
                    "eventTime",
                    "eventSource",
                    "eventName",
                    "eventVersion",
                    "userIdentity",
                    "recipientAccountId",
                    "awsRegion")) {
                assertThat(r.json().hasNonNull(f))
                        .as(() -> f + " in " + r.json())
                        .isTrue();
            }
        }
        assertThat(mixedRecords.stream()
                        .map(r -> r.json().get("eventVersion").asText())
                        .collect(Collectors.toSet()))
                .contains("1.05", "1.08", "1.09", "1.10", "1.11");
    }

    @Test
    void redeliveredRecordsAreIdenticalCopiesInALaterFile() {
        Map<String, List<CtRecord>> byId = mixedRecords.stream()
                .collect(Collectors.groupingBy(r -> r.json().get("eventID").asText()));
        Set<String> twice = new TreeSet<>();
        byId.forEach((id, copies) -> {
            if (copies.size() > 1) {
                assertThat(copies).hasSize(2);
                assertThat(copies.get(0).json()).isEqualTo(copies.get(1).json());
                assertThat(copies.get(0).file()).isNotEqualTo(copies.get(1).file());
                twice.add(id);
            }
        });
        Set<String> truthDup = mixedCalls.stream()
                .filter(c -> c.get("duplicated").asBoolean())
                .map(c -> c.get("eventId").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(twice).isEqualTo(truthDup).hasSize((int) mixedResult.duplicates());
    }

    @Test
    void trailObjectsFollowTheS3LayoutDatedByDelivery() {
        Pattern p = Pattern.compile(
                "cloudtrail/AWSLogs/(o-[a-z0-9]{10}/)?(\\d{12})/CloudTrail/([a-z0-9-]+)/"
                        + "(\\d{4})/(\\d{2})/(\\d{2})/(\\d{12})_CloudTrail_([a-z0-9-]+)_(\\d{8})T(\\d{4})Z_[A-Za-z0-9]{16}\\.json\\.gz");
        Set<String> orgAccounts = new HashSet<>();
        Set<String> plainAccounts = new HashSet<>();
        for (CtRecord r : mixedRecords) {
            String rel = mixed.root.relativize(r.file()).toString();
            Matcher m = p.matcher(rel);
            assertThat(m.matches()).as(rel).isTrue();
            assertThat(m.group(7)).isEqualTo(m.group(2));
            assertThat(m.group(8)).isEqualTo(m.group(3));
            assertThat(m.group(9)).isEqualTo(m.group(4) + m.group(5) + m.group(6));
            assertThat(r.json().get("recipientAccountId").asText()).isEqualTo(m.group(2));
            assertThat(r.json().get("awsRegion").asText()).isEqualTo(m.group(3));
            String delivered = m.group(4) + "-" + m.group(5) + "-" + m.group(6) + "T"
                    + m.group(10).substring(0, 2) + ":" + m.group(10).substring(2) + ":00Z";
            // a file delivered at T holds only records from before T, at most 30 minutes before (10 min delay, 15 min
            // redelivery, 5 min window)
            String eventTime = r.json().get("eventTime").asText();
            assertThat(eventTime).isLessThanOrEqualTo(delivered);
            assertThat(java.time.Duration.between(
                                    java.time.Instant.parse(eventTime), java.time.Instant.parse(delivered))
                            .toMinutes())
                    .isLessThanOrEqualTo(30);
            (m.group(1) != null ? orgAccounts : plainAccounts).add(m.group(2));
        }
        assertThat(orgAccounts).hasSize(1);
        assertThat(plainAccounts).hasSize(1);
        assertThat(mixed.digestFiles()).isNotEmpty().allSatisfy(d -> {
            JsonNode digest = GeneratedFiles.gzJson(d);
            assertThat(digest.has("Records")).isFalse();
            assertThat(digest.hasNonNull("digestStartTime")).isTrue();
        });
        assertThat(mixedResult.skippedFiles()).isEqualTo(mixed.digestFiles().size() + 1);
    }

    @Test
    void stsResponsesCarryFakeSessionTokensAndDeniedCallsNoResponse() {
        List<JsonNode> creds = new ArrayList<>();
        for (CtRecord r : mixedRecords) {
            JsonNode c = r.json().path("responseElements").path("credentials");
            if (!c.isMissingNode()) {
                creds.add(c);
            }
            if (r.json().has("errorCode")) {
                assertThat(r.json().get("responseElements").isNull()).isTrue();
                assertThat(r.json().get("errorCode").asText()).isIn("AccessDenied", "AccessDeniedException");
            }
        }
        assertThat(creds).isNotEmpty().allSatisfy(c -> {
            assertThat(c.get("sessionToken").asText()).startsWith("FAKE-SESSION-TOKEN-");
            assertThat(c.get("accessKeyId").asText()).startsWith("ASIA");
        });
    }

    // ------------------------------------------------------------------------------------------ call truth

    @Test
    void callTruthHasOneLinePerDistinctRecordWithMatchingNames() {
        assertThat(mixedCalls).hasSize((int) MIXED_EVENTS);
        Map<String, JsonNode> byId = new HashMap<>();
        mixedRecords.forEach(r -> byId.put(r.json().get("eventID").asText(), r.json()));
        for (JsonNode c : mixedCalls) {
            JsonNode r = byId.get(c.get("eventId").asText());
            assertThat(r).as(() -> c.toString()).isNotNull();
            assertThat(c.get("eventName").asText()).isEqualTo(r.get("eventName").asText());
            assertThat(c.get("eventSource").asText())
                    .isEqualTo(r.get("eventSource").asText());
            assertThat(c.get("eventTime").asText()).isEqualTo(r.get("eventTime").asText());
            assertThat(c.get("denied").asBoolean()).isEqualTo(r.has("errorCode"));
            String key = c.path("accessKeyId").asText(null);
            assertThat(key).isEqualTo(r.path("userIdentity").path("accessKeyId").asText(null));
        }
        Set<String> mechanisms =
                mixedCalls.stream().map(c -> c.get("mechanism").asText()).collect(Collectors.toSet());
        assertThat(mechanisms)
                .containsExactlyInAnyOrder(
                        "IRSA",
                        "POD_IDENTITY",
                        "INSTANCE_PROFILE",
                        "WEB_IDENTITY",
                        "ROLE_CHAIN",
                        "SAML",
                        "IAM_USER",
                        "AWS_SERVICE",
                        "ROOT");
        long denied =
                mixedCalls.stream().filter(c -> c.get("denied").asBoolean()).count();
        assertThat(denied).isBetween(MIXED_EVENTS / 200, MIXED_EVENTS / 20);
    }

    @Test
    void sessionKeysOfCallsMatchWrittenMintsUnlessIssuedOutsideTheWindow() {
        for (GeneratedFiles g : List.of(tiny, mixed)) {
            List<CtRecord> records = g == mixed ? mixedRecords : g.records();
            List<JsonNode> calls = g == mixed ? mixedCalls : g.truth("calls.jsonl.gz");
            Set<String> minted = new HashSet<>();
            for (CtRecord r : records) {
                JsonNode k =
                        r.json().path("responseElements").path("credentials").path("accessKeyId");
                if (!k.isMissingNode()) {
                    minted.add(k.asText());
                }
            }
            Map<String, Long> checked = new HashMap<>();
            for (JsonNode c : calls) {
                String mech = c.get("mechanism").asText();
                if (!Set.of("IRSA", "POD_IDENTITY", "INSTANCE_PROFILE", "ROLE_CHAIN", "SAML")
                                .contains(mech)
                        || c.get("accessKeyId").isNull()) {
                    continue;
                }
                boolean inWindow = c.get("issuerInWindow").asBoolean();
                assertThat(minted.contains(c.get("accessKeyId").asText()))
                        .as(() -> c.toString())
                        .isEqualTo(inWindow);
                checked.merge(mech + "/" + inWindow, 1L, Long::sum);
            }
            assertThat(checked.keySet())
                    .contains(
                            "IRSA/true",
                            "IRSA/false",
                            "POD_IDENTITY/true",
                            "POD_IDENTITY/false",
                            "INSTANCE_PROFILE/false",
                            "INSTANCE_PROFILE/true",
                            "ROLE_CHAIN/true",
                            "SAML/false");
        }
    }

    @Test
    void sessionTruthMatchesTheMintEventsItNames() {
        Map<String, JsonNode> byId = new HashMap<>();
        mixedRecords.forEach(r -> byId.put(r.json().get("eventID").asText(), r.json()));
        List<JsonNode> sessions = mixed.truth("sessions.jsonl.gz");
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode s : sessions) {
            byKey.put(s.get("accessKeyId").asText(), s);
            if (s.get("issuingEventWritten").asBoolean()) {
                JsonNode mint = byId.get(s.get("issuingEventId").asText());
                assertThat(mint).as(() -> s.toString()).isNotNull();
                assertThat(mint.at("/responseElements/credentials/accessKeyId").asText())
                        .isEqualTo(s.get("accessKeyId").asText());
            } else {
                assertThat(s.get("issuingEventId").isNull()).isTrue();
            }
        }
        // role chain: the chained session's parent is an IRSA session, and its mint was signed with the parent's key
        List<JsonNode> chained = sessions.stream()
                .filter(s -> s.get("mechanism").asText().equals("ROLE_CHAIN")
                        && s.get("issuingEventWritten").asBoolean())
                .toList();
        assertThat(chained).isNotEmpty().allSatisfy(s -> {
            JsonNode parent = byKey.get(s.get("parentAccessKeyId").asText());
            assertThat(parent.get("mechanism").asText()).isEqualTo("IRSA");
            JsonNode mint = byId.get(s.get("issuingEventId").asText());
            assertThat(mint.at("/userIdentity/accessKeyId").asText())
                    .isEqualTo(parent.get("accessKeyId").asText());
        });
    }

    @Test
    void podIdentityMintsCarryThePodsTagsExceptWhereTagsAreDisabled() {
        Map<String, JsonNode> pods = new HashMap<>();
        mixed.truth("pods.jsonl.gz").forEach(p -> pods.put(p.get("uid").asText(), p));
        int tagged = 0;
        int untagged = 0;
        for (CtRecord r : mixedRecords) {
            JsonNode j = r.json();
            if (!j.get("eventName").asText().equals("AssumeRole")
                    || !j.at("/userIdentity/invokedBy").asText().equals("pods.eks.amazonaws.com")) {
                continue;
            }
            Map<String, String> tags = new HashMap<>();
            j.at("/requestParameters/tags")
                    .forEach(t -> tags.put(t.get("key").asText(), t.get("value").asText()));
            String session = j.at("/requestParameters/roleSessionName").asText();
            assertThat(session).startsWith("eks-").hasSizeLessThanOrEqualTo(64);
            if (tags.isEmpty()) {
                untagged++;
                continue;
            }
            tagged++;
            JsonNode pod = pods.get(tags.get("kubernetes-pod-uid"));
            assertThat(pod).isNotNull();
            assertThat(tags)
                    .containsEntry("kubernetes-pod-name", pod.get("name").asText())
                    .containsEntry("kubernetes-namespace", pod.get("namespace").asText())
                    .containsEntry(
                            "kubernetes-service-account",
                            pod.get("serviceAccount").asText())
                    .containsEntry("eks-cluster-name", pod.get("cluster").asText());
            String cluster = pod.get("cluster").asText();
            assertThat(session)
                    .startsWith("eks-" + cluster.substring(0, Math.min(10, cluster.length())) + "-"
                            + pod.get("name").asText().substring(0, 5));
        }
        assertThat(tagged).isPositive();
        assertThat(untagged).isPositive();
    }

    @Test
    void irsaCallsNameTheirClustersProviderAndSomeMintsSitInAnotherRegion() {
        JsonNode manifest = mixed.json("truth/manifest.json");
        Map<String, String> issuerOf = new HashMap<>();
        manifest.get("clusters")
                .forEach(c -> issuerOf.put(
                        c.get("name").asText(), c.get("issuer").asText().replace("https://", "")));
        Map<String, String> byId = new HashMap<>();
        mixedRecords.forEach(r -> byId.put(
                r.json().get("eventID").asText(), r.json().get("awsRegion").asText()));
        Map<String, JsonNode> recs = new HashMap<>();
        mixedRecords.forEach(r -> recs.put(r.json().get("eventID").asText(), r.json()));
        Map<String, String> mintRegion = new HashMap<>();
        for (JsonNode s : mixed.truth("sessions.jsonl.gz")) {
            if (s.get("issuingEventWritten").asBoolean()) {
                mintRegion.put(
                        s.get("accessKeyId").asText(),
                        byId.get(s.get("issuingEventId").asText()));
            }
        }
        boolean crossRegion = false;
        for (JsonNode c : mixedCalls) {
            if (!c.get("mechanism").asText().equals("IRSA")
                    || c.get("accessKeyId").isNull()) {
                continue;
            }
            JsonNode r = recs.get(c.get("eventId").asText());
            assertThat(r.at("/userIdentity/sessionContext/webIdFederationData/federatedProvider")
                            .asText())
                    .endsWith(issuerOf.get(c.get("cluster").asText()).replace("oidc.eks", "oidc.eks"));
            String mr = mintRegion.get(c.get("accessKeyId").asText());
            if (mr != null && !mr.equals(r.get("awsRegion").asText())) {
                crossRegion = true;
            }
        }
        assertThat(crossRegion).isTrue();
    }

    @Test
    void oneClusterIssuerAppearsInADescribeClusterAndTheOtherOnlyInTheManifest() {
        JsonNode manifest = mixed.json("truth/manifest.json");
        Set<String> inEvents = new HashSet<>();
        for (CtRecord r : mixedRecords) {
            JsonNode i = r.json().at("/responseElements/cluster/identity/oidc/issuer");
            if (!i.isMissingNode()) {
                inEvents.add(i.asText());
            }
        }
        List<String> event = new ArrayList<>();
        List<String> option = new ArrayList<>();
        manifest.get("clusters")
                .forEach(c -> (c.get("issuerSource").asText().equals("event") ? event : option)
                        .add(c.get("issuer").asText()));
        assertThat(event).hasSize(1);
        assertThat(option).hasSize(1);
        assertThat(inEvents).containsExactlyElementsOf(event);
        assertThat(manifest.at("/counts/cloudTrailRecords").asLong()).isEqualTo(MIXED_EVENTS);
    }

    @Test
    void usageListsSortedDisjointAllowedAndDeniedPairsIncludingManyKeysUnderOnePrefix() {
        JsonNode usage = mixed.json("truth/usage.json");
        assertThat(usage.get("roles").size()).isGreaterThan(5);
        usage.get("workloads").fields().forEachRemaining(e -> {
            List<String> allowed = pairs(e.getValue().get("allowed"));
            List<String> denied = pairs(e.getValue().get("denied"));
            assertThat(allowed).isSorted();
            assertThat(denied).isSorted();
            assertThat(allowed).noneMatch(denied::contains);
        });
        JsonNode reports = usage.at("/workloads/prod-east~1analytics~1report-builder/allowed");
        long keys = 0;
        for (JsonNode p : reports) {
            if (p.get("action").asText().equals("s3:GetObject")
                    && p.get("resource").asText().contains("/reports/2026/")) {
                keys++;
            }
        }
        assertThat(keys).isGreaterThan(20);
        assertThat(pairs(usage.at("/workloads/prod-east~1ci~1ci-runner/allowed")))
                .anyMatch(p -> p.startsWith("iam:PassRole "));
    }

    // ------------------------------------------------------------------------------------------ audit

    @Test
    void exportLinesArePrefixedWithMillisecondTimestampsAndProbeFileExists() throws IOException {
        List<AuditLine> lines = tiny.exportLines();
        assertThat(lines).isNotEmpty().allSatisfy(l -> {
            assertThat(l.prefix()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(l.event().get("apiVersion").asText()).isEqualTo("audit.k8s.io/v1");
            assertThat(l.event().get("stage").asText()).isEqualTo("ResponseComplete");
            assertThat(l.event().get("requestReceivedTimestamp").asText()).matches(".*\\.\\d{6}Z");
            assertThat(l.event()
                            .at("/annotations/authorization.k8s.io~1decision")
                            .asText())
                    .isEqualTo("allow");
        });
        assertThat(tiny.root.relativize(lines.get(0).file()).toString())
                .matches(
                        "eks-audit/prod-east/exportedlogs/[0-9a-f-]{36}/kube-apiserver-audit-[0-9a-f]{32}/\\d{6}\\.gz");
        assertThat(Files.readString(tiny.root.resolve("eks-audit/prod-east/exportedlogs/aws-logs-write-test")))
                .isEqualTo("Permission Check Successful");
    }

    @Test
    void firehoseObjectsStartWithAControlMessageThenCarryAuditEventsAsStrings() {
        List<Path> objects = mixed.files("eks-audit/batch-west/firehose");
        assertThat(objects).isNotEmpty();
        Pattern name =
                Pattern.compile("eks-audit/batch-west/firehose/\\d{4}/\\d{2}/\\d{2}/\\d{2}/eks-audit-batch-west-1-"
                        + "\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.gz");
        for (Path o : objects) {
            assertThat(mixed.root.relativize(o).toString()).matches(name);
            List<JsonNode> msgs = mixed.firehoseMessages(o);
            assertThat(msgs.get(0).get("messageType").asText()).isEqualTo("CONTROL_MESSAGE");
            assertThat(msgs.size()).isGreaterThan(1);
            for (JsonNode m : msgs.subList(1, msgs.size())) {
                assertThat(m.get("messageType").asText()).isEqualTo("DATA_MESSAGE");
                assertThat(m.get("logGroup").asText()).isEqualTo("/aws/eks/batch-west/cluster");
                assertThat(m.get("logStream").asText()).matches("kube-apiserver-audit-[0-9a-f]{32}");
                assertThat(m.get("logEvents").get(0).get("id").asText()).matches("\\d{56}");
            }
        }
        assertThat(mixedResult.auditEvents()).isEqualTo(auditOf(mixed).size());
    }

    @Test
    void podTruthMatchesTheAuditLifecycle() {
        for (GeneratedFiles g : List.of(tiny, mixed)) {
            List<JsonNode> audit = auditOf(g);
            Map<String, JsonNode> created = new HashMap<>();
            Map<String, String> boundTo = new HashMap<>();
            Set<String> deleted = new HashSet<>();
            for (JsonNode e : audit) {
                String res = e.at("/objectRef/resource").asText();
                String sub = e.at("/objectRef/subresource").asText("");
                String verb = e.get("verb").asText();
                if (res.equals("pods") && sub.isEmpty() && verb.equals("create")) {
                    created.put(e.at("/responseObject/metadata/uid").asText(), e);
                } else if (res.equals("pods") && sub.equals("binding")) {
                    boundTo.put(
                            e.at("/requestObject/metadata/uid").asText(),
                            e.at("/requestObject/target/name").asText());
                } else if (res.equals("pods") && verb.equals("delete")) {
                    deleted.add(e.at("/responseObject/metadata/uid").asText());
                }
            }
            List<JsonNode> pods = g.truth("pods.jsonl.gz");
            for (JsonNode p : pods) {
                String uid = p.get("uid").asText();
                if (p.get("createdInWindow").asBoolean()) {
                    JsonNode c = created.get(uid);
                    assertThat(c).as(() -> p.toString()).isNotNull();
                    assertThat(c.at("/responseObject/metadata/name").asText())
                            .isEqualTo(p.get("name").asText());
                    assertThat(c.at("/responseObject/metadata/namespace").asText())
                            .isEqualTo(p.get("namespace").asText());
                    assertThat(c.at("/responseObject/spec/serviceAccountName").asText())
                            .isEqualTo(p.get("serviceAccount").asText());
                    assertThat(c.get("level").asText()).isEqualTo("RequestResponse");
                    assertThat(boundTo.get(uid)).isEqualTo(p.get("node").asText());
                    String audience = c.toString().contains("\"audience\":\"sts.amazonaws.com\"")
                            ? "IRSA"
                            : c.toString().contains("\"audience\":\"pods.eks.amazonaws.com\"")
                                    ? "POD_IDENTITY"
                                    : "NONE";
                    assertThat(audience).isEqualTo(p.get("credential").asText());
                } else {
                    assertThat(created).doesNotContainKey(uid);
                    assertThat(p.get("start").asText()).isLessThan("2026-11-01T00:00:00");
                }
                assertThat(deleted.contains(uid))
                        .as(() -> p.toString())
                        .isEqualTo(!p.get("end").isNull());
            }
            assertThat(pods.stream().filter(p -> p.get("createdInWindow").asBoolean()))
                    .isNotEmpty();
            assertThat(pods.stream().filter(p -> !p.get("createdInWindow").asBoolean()))
                    .isNotEmpty();
            assertThat(created).hasSize((int) pods.stream()
                    .filter(p -> p.get("createdInWindow").asBoolean())
                    .count());
        }
    }

    @Test
    void kubeletsAuthenticateWithTheirNodesCurrentInstanceProfileKey() {
        Map<String, Set<String>> keysByInstance = new HashMap<>();
        for (JsonNode s : mixed.truth("sessions.jsonl.gz")) {
            if (s.get("mechanism").asText().equals("INSTANCE_PROFILE")) {
                keysByInstance
                        .computeIfAbsent(s.get("instanceId").asText(), k -> new HashSet<>())
                        .add(s.get("accessKeyId").asText());
            }
        }
        Map<String, String> providerIdOf = new HashMap<>();
        int kubelet = 0;
        for (JsonNode e : auditOf(mixed)) {
            String user = e.at("/user/username").asText();
            if (!user.startsWith("system:node:")) {
                continue;
            }
            kubelet++;
            String instance = e.at("/user/extra/sessionName/0").asText();
            assertThat(keysByInstance.get(instance))
                    .contains(e.at("/user/extra/accessKeyId/0").asText());
            assertThat(e.at("/user/extra/arn/0").asText()).endsWith("/" + instance);
            if (e.at("/objectRef/resource").asText().equals("nodes")) {
                providerIdOf.put(
                        user.substring("system:node:".length()),
                        e.at("/responseObject/spec/providerID").asText());
                assertThat(e.at("/responseObject/spec/providerID").asText()).endsWith("/" + instance);
            }
        }
        assertThat(kubelet).isPositive();
        assertThat(providerIdOf).isNotEmpty();
    }

    @Test
    void iamPrincipalsCallingTheKubernetesApiAreNamedInUserExtra() {
        Map<String, JsonNode> sessions = new HashMap<>();
        mixed.truth("sessions.jsonl.gz")
                .forEach(s -> sessions.put(s.get("accessKeyId").asText(), s));
        Set<String> mechanisms = new TreeSet<>();
        boolean ciCreatedJobPod = false;
        for (JsonNode e : auditOf(mixed)) {
            JsonNode key = e.at("/user/extra/accessKeyId/0");
            if (key.isMissingNode() || e.at("/user/username").asText().startsWith("system:node:")) {
                continue;
            }
            JsonNode s = sessions.get(key.asText());
            assertThat(s).as(() -> e.toString()).isNotNull();
            assertThat(e.at("/user/extra/arn/0").asText())
                    .isEqualTo(s.get("sessionArn").asText());
            mechanisms.add(s.get("mechanism").asText());
            if (s.get("mechanism").asText().equals("POD_IDENTITY")
                    && e.get("verb").asText().equals("create")
                    && e.at("/objectRef/namespace").asText().equals("jobs")) {
                ciCreatedJobPod = true;
                assertThat(s.get("cluster").asText()).isEqualTo("prod-east");
            }
        }
        assertThat(mechanisms).contains("SAML", "POD_IDENTITY");
        assertThat(ciCreatedJobPod).isTrue();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private List<JsonNode> auditOf(GeneratedFiles g) {
        return audit.computeIfAbsent(g, GeneratedFiles::auditEvents);
    }

    private static List<String> pairs(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(
                p -> out.add(p.get("action").asText() + " " + p.get("resource").asText()));
        return out;
    }

    private static Set<String> eventIds(List<CtRecord> records) {
        return records.stream().map(r -> r.json().get("eventID").asText()).collect(Collectors.toSet());
    }

    private static List<String> relative(GeneratedFiles g) {
        List<String> out = new ArrayList<>();
        for (Path p : g.files("")) {
            out.add(g.root.relativize(p).toString());
        }
        return out;
    }
}
