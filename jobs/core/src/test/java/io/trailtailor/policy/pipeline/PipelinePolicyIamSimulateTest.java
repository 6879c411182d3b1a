package io.trailtailor.policy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.event.KeyFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Asks an independent IAM evaluator, {@code @cloud-copilot/iam-simulate} (installed from npm into
 * {@code target/iam-simulate} on first use), whether the self-policy allows every call a run makes and denies calls
 * it never makes.
 */
class PipelinePolicyIamSimulateTest {

    static final String VERSION = "0.1.173";
    static final Path MODULES = Path.of("target", "iam-simulate", "node_modules");
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String STREAM = "arn:aws:kinesis:us-east-1:111122223333:stream/eks-audit";
    static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/111122223333/trail-notifications";
    static final String QUEUE = "arn:aws:sqs:us-east-1:111122223333:trail-notifications";

    static final PipelineRun RUN = new PipelineRun(
            List.of("s3://trail/logs", "./local-trail"),
            List.of("s3://exports/eks/prod/"),
            "s3://results/trailtailor/prod",
            "s3://state/trailtailor/checkpoints",
            List.of(KEY),
            List.of(STREAM),
            List.of(QUEUE_URL),
            new KeyFilter(
                    LocalDate.parse("2026-11-01"),
                    LocalDate.parse("2026-11-02"),
                    Set.of("111122223333", "444455556666"),
                    Set.of("us-east-1", "eu-west-1")));

    @BeforeAll
    static void installSimulator() throws Exception {
        if (Files.isDirectory(MODULES.resolve("@cloud-copilot/iam-simulate"))) return;
        Files.createDirectories(MODULES.getParent());
        Path npmLog = MODULES.getParent().resolve("npm-install.log");
        Process npm = new ProcessBuilder(
                        "npm",
                        "install",
                        "--no-audit",
                        "--no-fund",
                        "--prefix",
                        MODULES.getParent().toString(),
                        "@cloud-copilot/iam-simulate@" + VERSION)
                // never the test JVM's own stdin/stdout: surefire talks to its fork over them, and npm sets the
                // stdin it inherits to non-blocking, which breaks that channel
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(npmLog.toFile()))
                .redirectErrorStream(true)
                .start();
        npm.getOutputStream().close();
        assertThat(npm.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(npm.exitValue()).as("npm install, see " + npmLog).isZero();
    }

    /** The calls an organization trail run makes: its listing walk, a real listing's keys, its writes. */
    static List<Request> callsTheRunMakes() {
        List<Request> calls = new ArrayList<>();
        calls.add(list("trail", "logs"));
        calls.add(list("trail", "logs/AWSLogs/"));
        calls.add(list("trail", "logs/AWSLogs/o-abc123def4/"));
        for (String account : List.of("o-abc123def4/111122223333", "444455556666")) {
            String cloudTrail = "logs/AWSLogs/" + account + "/CloudTrail/";
            calls.add(list("trail", cloudTrail));
            for (String region : List.of("us-east-1", "eu-west-1")) {
                for (String day : List.of("01", "02", "03")) {
                    String dayPrefix = cloudTrail + region + "/2026/11/" + day + "/";
                    calls.add(list("trail", dayPrefix));
                    String id = account.substring(account.lastIndexOf('/') + 1);
                    calls.add(object(
                            "s3:GetObject",
                            "trail",
                            dayPrefix + id + "_CloudTrail_" + region + "_202611" + day + "T0005Z_a1B2c3D4.json.gz"));
                }
            }
        }
        calls.add(list("exports", "eks/prod/"));
        calls.add(object("s3:GetObject", "exports", "eks/prod/2026/11/01/firehose-1-2026-11-01-00-00-00.gz"));
        calls.add(new Request("kms:Decrypt", KEY, Map.of()));
        for (String action : List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload")) {
            calls.add(object(action, "results", "trailtailor/prod/parquet/api_calls/dt=2026-11-01/part-0.parquet"));
        }
        calls.add(object("s3:ListMultipartUploadParts", "results", "trailtailor/prod/summary.json"));
        calls.add(list("results", "trailtailor/prod/"));
        calls.add(list("results", "trailtailor/prod"));
        calls.add(object("s3:PutObject", "state", "trailtailor/checkpoints/chk-7/_metadata"));
        calls.add(object("s3:DeleteObject", "state", "trailtailor/checkpoints/chk-6/_metadata"));
        calls.add(list("state", "trailtailor/checkpoints/chk-7"));
        // the Kinesis source polls: shards by StreamARN, an iterator per shard, then GetRecords with it
        for (String action : List.of("ListShards", "GetShardIterator", "GetRecords")) {
            calls.add(new Request("kinesis:" + action, STREAM, Map.of()));
        }
        // ReceiveMessage, and DeleteMessageBatch, which IAM authorizes as DeleteMessage
        calls.add(new Request("sqs:ReceiveMessage", QUEUE, Map.of()));
        calls.add(new Request("sqs:DeleteMessage", QUEUE, Map.of()));
        // a notified object is read wherever it lies under a source: notifications are not pruned by the filter
        calls.add(object(
                "s3:GetObject",
                "trail",
                "logs/AWSLogs/o-abc123def4/999988887777/CloudTrail/us-west-2/2026/10/31/x.json.gz"));
        calls.add(object("s3:GetObject", "exports", "eks/prod/2026/12/01/firehose-1.gz"));
        return calls;
    }

    /**
     * Calls the run never makes: other buckets, accounts, regions, days, writes on inputs, other queues, Kinesis
     * and SQS calls the sources never make (enhanced fan-out, writes, queue administration).
     */
    static List<Request> callsTheRunNeverMakes() {
        String day = "logs/AWSLogs/o-abc123def4/111122223333/CloudTrail/us-east-1/2026/11/01/";
        return List.of(
                list("other-bucket", "logs/AWSLogs/"),
                list("trail", "logs/AWSLogs/o-abc123def4/777788889999/CloudTrail/"),
                list("trail", "logs/AWSLogs/o-abc123def4/111122223333/CloudTrail/us-west-2/2026/11/01/"),
                list("trail", "logs/AWSLogs/o-abc123def4/111122223333/CloudTrail/us-east-1/2026/11/04/"),
                list("trail", "other/"),
                list("results", "elsewhere/"),
                new Request("s3:ListBucket", "arn:aws:s3:::results", Map.of()),
                object("s3:GetObject", "other-bucket", "logs/x.json.gz"),
                object("s3:PutObject", "trail", day + "x.json.gz"),
                object("s3:DeleteObject", "trail", day + "x.json.gz"),
                object("s3:DeleteObject", "exports", "eks/prod/2026/11/01/firehose.gz"),
                object("s3:PutObject", "results", "trailtailor/other/summary.json"),
                object("s3:PutObject", "state", "elsewhere/_metadata"),
                new Request("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/other", Map.of()),
                new Request("kms:Encrypt", KEY, Map.of()),
                object("s3:GetObject", "trail", "other/x.json.gz"),
                new Request("kinesis:PutRecord", STREAM, Map.of()),
                new Request("kinesis:PutRecords", STREAM, Map.of()),
                new Request("kinesis:DescribeStreamSummary", STREAM, Map.of()),
                new Request("kinesis:RegisterStreamConsumer", STREAM, Map.of()),
                new Request("kinesis:SubscribeToShard", STREAM + "/consumer/trailtailor:1764547200", Map.of()),
                new Request("kinesis:DescribeStreamConsumer", STREAM + "/consumer/trailtailor:1764547200", Map.of()),
                new Request("kinesis:GetRecords", "arn:aws:kinesis:us-east-1:111122223333:stream/other", Map.of()),
                new Request("kinesis:DeleteStream", STREAM, Map.of()),
                new Request("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:other-queue", Map.of()),
                new Request("sqs:SendMessage", QUEUE, Map.of()),
                new Request("sqs:DeleteQueue", QUEUE, Map.of()),
                new Request("sqs:PurgeQueue", QUEUE, Map.of()),
                new Request("sqs:ChangeMessageVisibility", QUEUE, Map.of()),
                new Request("sqs:GetQueueAttributes", QUEUE, Map.of()),
                new Request("sqs:SetQueueAttributes", QUEUE, Map.of()));
    }

    /** Without a queue, the objects read are only those the filtered listing finds. */
    static List<Request> objectsOnlyTheQueueCouldName() {
        return List.of(
                object(
                        "s3:GetObject",
                        "trail",
                        "logs/AWSLogs/o-abc123def4/111122223333/CloudTrail/us-east-1" + "/2026/10/31/x.json.gz"),
                object(
                        "s3:GetObject",
                        "trail",
                        "logs/AWSLogs/o-abc123def4/999988887777/CloudTrail/us-east-1" + "/2026/11/01/x.json.gz"));
    }

    @Test
    void everyCallTheRunMakesIsAllowed() throws Exception {
        List<Request> calls = callsTheRunMakes();

        assertThat(simulate(PipelinePolicy.of(RUN).document().toJson(), calls))
                .hasSize(calls.size())
                .allMatch(line -> line.startsWith("Allowed "));
    }

    @Test
    void callsTheRunNeverMakesAreDenied() throws Exception {
        List<Request> calls = callsTheRunNeverMakes();

        assertThat(simulate(PipelinePolicy.of(RUN).document().toJson(), calls))
                .hasSize(calls.size())
                .allMatch(line -> line.startsWith("ImplicitlyDenied "));
    }

    @Test
    void withoutAQueueOnlyTheListedDaysAccountsAndRegionsAreRead() throws Exception {
        PipelineRun listed = new PipelineRun(
                RUN.cloudTrail(),
                RUN.audit(),
                RUN.out(),
                RUN.checkpoints(),
                RUN.kmsKeys(),
                RUN.kinesisStreams(),
                List.of(),
                RUN.filter());
        List<Request> calls = objectsOnlyTheQueueCouldName();

        assertThat(simulate(PipelinePolicy.of(listed).document().toJson(), calls))
                .hasSize(calls.size())
                .allMatch(line -> line.startsWith("ImplicitlyDenied "));
        assertThat(simulate(PipelinePolicy.of(RUN).document().toJson(), calls))
                .hasSize(calls.size())
                .allMatch(line -> line.startsWith("Allowed "));
    }

    @Test
    void theLocalSourceGetsNoStatementButANote() {
        PipelinePolicy policy = PipelinePolicy.of(RUN);

        assertThat(policy.notes())
                .containsExactly("--cloudtrail ./local-trail is a local path: it needs no IAM permission");
        assertThat(policy.document().statements())
                .extracting(s -> s.sid())
                .containsExactly(
                        "ListInputs1",
                        "ListInputs2",
                        "ListOrganizations",
                        "ReadInputs",
                        "DecryptInputs",
                        "ListOutputs1",
                        "ListOutputs2",
                        "WriteOutputs",
                        "PollAuditStreams",
                        "ReceiveTrailNotifications");
    }

    record Request(String action, String resource, Map<String, String> context) {}

    static Request list(String bucket, String prefix) {
        return new Request("s3:ListBucket", "arn:aws:s3:::" + bucket, Map.of("s3:prefix", prefix));
    }

    static Request object(String action, String bucket, String key) {
        return new Request(action, "arn:aws:s3:::" + bucket + "/" + key, Map.of());
    }

    /** One line per request, {@code <overallResult> <action> <resource>}, from the Node script. */
    static List<String> simulate(String policyJson, List<Request> requests) throws IOException, InterruptedException {
        ObjectNode input = JSON.createObjectNode();
        input.set("policy", JSON.readTree(policyJson));
        ArrayNode rs = input.putArray("requests");
        for (Request r : requests) {
            ObjectNode o = rs.addObject().put("action", r.action()).put("resource", r.resource());
            ObjectNode c = o.putObject("context");
            r.context().forEach(c::put);
            if (r.action().startsWith("kms:")) {
                // KMS needs the key policy too: the default one, which delegates to the account's IAM policies
                o.set(
                        "resourcePolicy",
                        JSON.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                                + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"));
            }
        }
        Path script = Path.of("src", "test", "resources", "iam-simulate", "simulate.cjs");
        Process node = new ProcessBuilder("node", script.toString(), MODULES.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        MODULES.getParent().resolve("simulate.log").toFile()))
                .start();
        try (var in = node.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(input));
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isZero();
        return out.lines().toList();
    }
}
