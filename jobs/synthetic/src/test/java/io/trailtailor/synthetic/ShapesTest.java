package io.trailtailor.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.synthetic.GeneratedFiles.AuditLine;
import io.trailtailor.synthetic.GeneratedFiles.CtRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Each extra input shape is there when its switch is on, and the truth still describes every record. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShapesTest {
    private static final long EVENTS = 10_000;
    private static final Pattern JOB_PART = Pattern.compile("input/(job-\\d{5})/part-\\d{5}\\.parquet");

    @TempDir
    static Path tmp;

    private GeneratedFiles off;
    private GeneratedFiles shippedOnly;
    private GeneratedFiles all;
    private List<JsonNode> allRecords;

    @BeforeAll
    void generate() throws IOException {
        GeneratorOptions base = GeneratorOptions.defaults().withEvents(EVENTS).withSeed(11);
        off = generate(base, "off");
        shippedOnly = generate(base.withShapes(new Shapes(false, true, false)), "shipped");
        all = generate(base.withShapes(Shapes.ALL), "all");
        allRecords = new ArrayList<>();
        all.records().forEach(r -> allRecords.add(r.json()));
        allRecords.addAll(shipped(all));
    }

    private static GeneratedFiles generate(GeneratorOptions o, String name) throws IOException {
        Generator.generate(o, tmp.resolve(name), null);
        return new GeneratedFiles(tmp.resolve(name));
    }

    /** Every line of every shipped file. */
    private static List<JsonNode> shipped(GeneratedFiles g) {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : g.files("cloudtrail-shipped")) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.add(GeneratedFiles.JSON.readTree(line));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static JsonNode cluster(GeneratedFiles g, String name) {
        for (JsonNode c : g.json("truth/manifest.json").get("clusters")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------ the unnamed-issuer cluster

    @Test
    void theUnnamedClusterIsInTheManifestWithItsIssuerButInNoEksEvent() {
        JsonNode c = cluster(all, "stream-east");
        assertThat(c).isNotNull();
        assertThat(c.get("issuerSource").asText()).isEqualTo("unnamed");
        assertThat(c.get("issuer").asText())
                .matches("https://oidc\\.eks\\.us-east-1\\.amazonaws\\.com/id/[0-9A-F]{32}");
        long eksEventsNamingIt = allRecords.stream()
                .filter(r -> r.get("eventSource").asText().equals("eks.amazonaws.com"))
                .filter(r -> r.toString().contains("stream-east"))
                .count();
        assertThat(eksEventsNamingIt).isZero();
        assertThat(cluster(off, "stream-east")).isNull();
    }

    @Test
    void theUnnamedClustersPodsCarryTheIrsaWebhookEnvAndTheirCallsAreInTheTruth() {
        String issuerId = cluster(all, "stream-east").get("issuer").asText().replaceAll(".*/id/", "");
        long podCreatesWithRoleEnv = all.exportLines().stream()
                .filter(l -> l.file().toString().contains("/eks-audit/stream-east/"))
                .map(AuditLine::event)
                .filter(e -> e.path("verb").asText().equals("create")
                        && e.path("objectRef").path("resource").asText().equals("pods"))
                .filter(e -> e.toString().contains("\"AWS_ROLE_ARN\"")
                        && e.toString().contains("\"AWS_WEB_IDENTITY_TOKEN_FILE\""))
                .count();
        assertThat(podCreatesWithRoleEnv).isPositive();
        List<JsonNode> irsaCalls = all.truth("calls.jsonl.gz").stream()
                .filter(t -> t.path("cluster").asText().equals("stream-east"))
                .filter(t -> t.path("mechanism").asText().equals("IRSA"))
                .toList();
        assertThat(irsaCalls).isNotEmpty();
        // the web-identity mints name the cluster's provider, which is how a reader could tie calls to it
        assertThat(allRecords.stream()
                        .filter(r -> r.get("eventName").asText().equals("AssumeRoleWithWebIdentity"))
                        .filter(r -> r.toString().contains(issuerId)))
                .isNotEmpty();
    }

    // ------------------------------------------------------------------------------ shipper-rewritten records

    @Test
    void shippedRecordsHaveATimestampInsteadOfEventTime() {
        List<JsonNode> shipped = shipped(shippedOnly);
        assertThat(shippedOnly.files("cloudtrail-shipped"))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("logstash-cloudtrail-2026.11.01.jsonl.gz");
        assertThat(shipped).isNotEmpty();
        for (JsonNode r : shipped) {
            assertThat(r.has("eventTime")).as(r::toString).isFalse();
            assertThat(r.get("@timestamp").asText()).matches("2026-11-01T\\d\\d:\\d\\d:\\d\\d\\.000Z");
            assertThat(r.get("eventID").asText()).isNotEmpty();
        }
        assertThat(shippedOnly
                        .json("truth/manifest.json")
                        .at("/counts/cloudTrailRecordsShipped")
                        .asLong())
                .isEqualTo(shipped.size());
    }

    @Test
    void trailAndShipperSplitTheRecordsOfTheRunWithoutTheShipper() {
        List<CtRecord> offRecords = off.records();
        List<CtRecord> trail = shippedOnly.records();
        List<JsonNode> shipped = shipped(shippedOnly);

        assertThat(trail.size() + shipped.size()).isEqualTo(offRecords.size());
        assertThat((double) shipped.size() / offRecords.size()).isBetween(0.07, 0.13);
        Map<String, String> offTimes = new HashMap<>();
        offRecords.forEach(r -> offTimes.put(
                r.json().get("eventID").asText(), r.json().get("eventTime").asText()));
        Set<String> trailIds = new TreeSet<>();
        trail.forEach(r -> trailIds.add(r.json().get("eventID").asText()));
        for (JsonNode s : shipped) {
            String id = s.get("eventID").asText();
            assertThat(trailIds).as("shipped and also in the trail: " + id).doesNotContain(id);
            assertThat(s.get("@timestamp").asText()).isEqualTo(offTimes.get(id).replace("Z", ".000Z"));
        }
        Set<String> union = new TreeSet<>(trailIds);
        shipped.forEach(s -> union.add(s.get("eventID").asText()));
        assertThat(union).isEqualTo(new TreeSet<>(offTimes.keySet()));
        Set<String> truthIds = new TreeSet<>();
        shippedOnly
                .truth("calls.jsonl.gz")
                .forEach(c -> truthIds.add(c.get("eventId").asText()));
        assertThat(truthIds).isEqualTo(union).hasSize((int) EVENTS);
    }

    // ------------------------------------------------------------------------------ the batch prefix reader

    @Test
    void theBatchReaderSweepsAtLeast150JobIdPrefixesWithGetsAndLists() {
        Set<String> jobsRead = new TreeSet<>();
        Set<String> jobsListed = new TreeSet<>();
        for (JsonNode r : allRecords) {
            if (!r.path("userIdentity").path("arn").asText().contains("/prefix-reader-irsa/")) {
                continue;
            }
            String name = r.get("eventName").asText();
            JsonNode req = r.path("requestParameters");
            if (name.equals("GetObject")) {
                Matcher m = JOB_PART.matcher(req.path("key").asText());
                assertThat(m.matches()).as(req::toString).isTrue();
                jobsRead.add(m.group(1));
            } else if (name.equals("ListObjectsV2")) {
                jobsListed.add(req.path("prefix").asText());
            }
        }
        assertThat(jobsRead).hasSizeGreaterThanOrEqualTo(150);
        assertThat(jobsListed).hasSizeGreaterThanOrEqualTo(150).allMatch(p -> p.matches("input/job-\\d{5}/"));
        JsonNode usage = all.json("truth/usage.json").at("/workloads/batch-west~1batch~1prefix-reader/allowed");
        long partsInTruth = 0;
        for (JsonNode u : usage) {
            if (u.get("action").asText().equals("s3:GetObject")) {
                assertThat(u.get("resource").asText()).matches("arn:aws:s3:::batch-input-\\d{12}/" + JOB_PART);
                partsInTruth++;
            }
        }
        assertThat(partsInTruth).isGreaterThanOrEqualTo(150);
    }

    @Test
    void theShapesAlsoFitTheTinyScenario() throws IOException {
        GeneratedFiles t = generate(
                GeneratorOptions.defaults()
                        .withScenario("tiny")
                        .withEvents(3_000)
                        .withShapes(Shapes.ALL),
                "tiny");
        assertThat(cluster(t, "stream-east").get("issuerSource").asText()).isEqualTo("unnamed");
        assertThat(t.json("truth/usage.json")
                        .at("/workloads/prod-east~1batch~1prefix-reader")
                        .isMissingNode())
                .isFalse();
        assertThat(t.records().size() + shipped(t).size())
                .isEqualTo(t.json("truth/manifest.json")
                                .at("/counts/cloudTrailRecordsWritten")
                                .asInt()
                        + t.json("truth/manifest.json")
                                .at("/counts/cloudTrailRecordsShipped")
                                .asInt());
    }
}
