package io.trailtailor.flink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.alerts.AlertBaseline;
import io.trailtailor.alerts.AlertId;
import io.trailtailor.alerts.AlertTypes;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.TestInputs;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.pipeline.TrailPipeline;
import io.trailtailor.flink.source.FileListSource;
import io.trailtailor.flink.stream.EventTime;
import io.trailtailor.synthetic.Generator;
import io.trailtailor.synthetic.GeneratorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole topology in STREAMING mode with checkpoints, on one generated day of eks-mixed (the learning day) plus
 * one deliberate case per alert type two days later, read by {@code FileListSource}: exactly the deliberate alerts
 * of the learnt types, each alert id once in the committed {@code alerts/} files, counters equal to the lines, and no
 * access key, session token or secret in any line.
 */
@Timeout(240)
class AlertStageITCase {

    static final String ACCOUNT = "111122223333";
    static final String USER = "arn:aws:iam::" + ACCOUNT + ":user/alert-ci";
    static final String NODE_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/alert-node-role";
    static final String APP_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/alert-app";
    static final String ISSUER_ID = "A1E2B3C4D5E6F7A8B9C0D1E2F3A4B5C6";
    static final String ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/" + ISSUER_ID;
    static final String LAB = "alerts-lab";
    static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKENforAlertsNeverCopied";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Pattern KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(2);

    @TempDir
    static Path dir;

    static Path input;
    static List<JsonNode> alerts;
    static List<String> lines;
    static JobExecutionResult result;

    @BeforeAll
    static void generateAndMonitor() throws Exception {
        input = dir.resolve("input");
        GeneratorOptions generated =
                new GeneratorOptions("eks-mixed", 2_000, 1, 42, Instant.parse("2026-11-01T00:00:00Z"), true);
        Generator.generate(generated, input, null);
        Generator.writeSnapshots(generated, input); // only for truth/expected-findings.json: snapshots are not read
        writeDeliberateCases(input);
        Path out = dir.resolve("out");
        AnalyzeOptions options = options(input, out);

        // the files are read in no order of time: a max delay longer than the input (five days against about three)
        // joins and dedups them as if they came in order
        StreamExecutionEnvironment env = TestAnalysis.streaming(dir.resolve("checkpoints"), 2);
        List<InputLister.Source> sources = new ArrayList<>();
        options.cloudTrail().forEach(s -> sources.add(InputLister.Source.cloudTrail(s)));
        options.k8sAudit().forEach(s -> sources.add(InputLister.Source.audit(s)));
        var listing = new InputLister(options.keyFilter(), options.s3(), options.includeHidden()).list(sources);
        EventTime time = new EventTime(Duration.ofDays(5), EventTime.DEFAULT_IDLENESS);
        TrailPipeline.Outputs pipeline =
                TrailPipeline.build(FileListSource.read(env, listing.files(), options, time), options, time);
        DataStream<String> stream = AlertStage.build(pipeline.attribution(), AlertOptions.defaults());
        AlertStage.sink(stream, out.toString());
        result = env.execute("alerts");

        lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out.resolve("alerts"))) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        alerts = new ArrayList<>();
        for (String l : lines) alerts.add(JSON.readTree(l));
        System.out.println("alerts: " + lines.size() + " lines");
        lines.stream().limit(40).forEach(System.out::println);
    }

    static AnalyzeOptions options(Path in, Path out) throws Exception {
        JsonNode manifest = JSON.readTree(in.resolve("truth/manifest.json").toFile());
        List<String> audit = new ArrayList<>();
        List<String> clusters = new ArrayList<>();
        for (JsonNode cluster : manifest.path("clusters")) {
            String name = cluster.path("name").asText();
            Path logs = in.resolve("eks-audit").resolve(name);
            if (Files.isDirectory(logs)) audit.add(name + "=" + logs);
            if ("option".equals(cluster.path("issuerSource").asText())) {
                clusters.add(name + "=" + cluster.path("issuer").asText());
            }
        }
        audit.add(LAB + "=" + in.resolve("alerts-audit"));
        clusters.add(LAB + "=https://" + ISSUER);
        return TestAnalysis.options(out, k -> {
            k.cloudTrail = List.of(in.resolve("cloudtrail").toString());
            k.k8sAudit = audit;
            k.clusterOidcIssuers = clusters;
            k.parallelism = 2;
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void everyAlertIdIsCommittedExactlyOnce() {
        Map<String, Integer> count = new HashMap<>();
        alerts.forEach(a -> count.merge(a.path("id").asText(), 1, Integer::sum));
        assertThat(count.entrySet()).allMatch(e -> e.getValue() == 1);
        assertThat(alerts).isNotEmpty();
    }

    @Test
    void theLearntTypesAlertExactlyTheDeliberateCases() {
        assertThat(summaries(AlertTypes.NEW_ACTION))
                .containsExactly("alert-new-action " + USER + " iam:CreateAccessKey "
                        + AlertId.of("TT-ALERT-001", "USER|user:" + ACCOUNT + "/alert-ci", "iam:CreateAccessKey"));
        assertThat(summaries(AlertTypes.UNEXPECTED_WORKLOAD))
                .containsExactly("alert-irsa-intruder " + APP_ROLE + " sts:AssumeRoleWithWebIdentity "
                        + AlertId.of("TT-ALERT-005", "role:" + ACCOUNT + "/alert-app", LAB + "/shop/intruder"));
        assertThat(summaries(AlertTypes.NEW_K8S_PRINCIPAL))
                .extracting(s -> s.substring(0, s.indexOf(' ')) + s.substring(s.lastIndexOf(' ')))
                .containsExactly(
                        "alert-k8s-2 " + AlertId.of("TT-ALERT-004", LAB, "role:" + ACCOUNT + "/alert-intruder"));
    }

    @Test
    void accessDeniedOnceForTheHourAtItsFirstCall() {
        List<String> lab = summaries(AlertTypes.ACCESS_DENIED).stream()
                .filter(s -> s.contains(USER))
                .toList();
        assertThat(lab)
                .containsExactly("alert-denied-1 " + USER + " s3:GetObject "
                        + AlertId.of(
                                "TT-ALERT-002",
                                "user:" + ACCOUNT + "/alert-ci",
                                "s3:GetObject",
                                "2026-11-03T01:00:00Z"));
        // the generated denied calls: each alert's id is its principal, action and hour
        for (JsonNode a : byType(AlertTypes.ACCESS_DENIED)) {
            long hour = Instant.parse(a.path("time").asText()).toEpochMilli() / 3_600_000L * 3_600_000L;
            assertThat(a.path("id").asText())
                    .isEqualTo(AlertId.of(
                            "TT-ALERT-002",
                            AlertBaseline.principalKey(a.path("principalArn").asText()),
                            a.path("action").asText(),
                            Instant.ofEpochMilli(hour).toString()));
        }
    }

    @Test
    void theNodeRoleAlertsForItsS3CallNotForItsNodeWork() {
        List<String> lab = summaries(AlertTypes.NODE_ROLE_USED_BY_PODS).stream()
                .filter(s -> s.contains("alert-node-role"))
                .toList();
        assertThat(lab)
                .containsExactly("alert-node-s3 " + NODE_ROLE + " s3:ListAllMyBuckets "
                        + AlertId.of("TT-ALERT-003", "role:" + ACCOUNT + "/alert-node-role", "s3:ListAllMyBuckets"));
    }

    @Test
    void everyNodeRoleTheGeneratorLetsPodsUseAlerts() throws Exception {
        JsonNode truth =
                JSON.readTree(input.resolve("truth/expected-findings.json").toFile());
        List<String> expected = new ArrayList<>();
        for (JsonNode c : truth.path("cases")) {
            if (c.path("rule").asText().equals("TT-NODE-002"))
                expected.add(c.path("principalArn").asText());
        }
        List<String> alerted = byType(AlertTypes.NODE_ROLE_USED_BY_PODS).stream()
                .map(a -> a.path("principalArn").asText())
                .toList();
        assertThat(expected).isNotEmpty();
        assertThat(alerted).containsAll(expected).doesNotHaveDuplicates().contains(NODE_ROLE);
    }

    @Test
    void countersAgreeWithTheCommittedLines() {
        for (String type : List.of(
                AlertTypes.NEW_ACTION,
                AlertTypes.ACCESS_DENIED,
                AlertTypes.NODE_ROLE_USED_BY_PODS,
                AlertTypes.NEW_K8S_PRINCIPAL,
                AlertTypes.UNEXPECTED_WORKLOAD)) {
            Object counted = result.getAccumulatorResult(AlertCounters.name(type));
            assertThat(((Number) counted).longValue())
                    .as(type)
                    .isEqualTo(byType(type).size());
        }
    }

    @Test
    void noSecretInAnyAlert() {
        for (String l : lines) {
            assertThat(KEY_ID.matcher(l).find()).as(l).isFalse();
            assertThat(l).doesNotContain(TOKEN).doesNotContain(SECRET).doesNotContain("sessionToken");
        }
    }

    static List<JsonNode> byType(String type) {
        return alerts.stream().filter(a -> a.path("type").asText().equals(type)).toList();
    }

    static List<String> summaries(String type) {
        return byType(type).stream()
                .map(a -> a.path("eventId").asText() + " "
                        + a.path("principalArn").asText() + " "
                        + a.path("action").asText() + " " + a.path("id").asText())
                .sorted()
                .toList();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The deliberate cases: each subject learns on 2026-11-01 (inside the generated day) and misbehaves on 2026-11-03.

    static void writeDeliberateCases(Path input) throws Exception {
        Path trail = input.resolve("cloudtrail/AWSLogs/" + ACCOUNT + "/CloudTrail/us-east-1");
        String day1 = "["
                + String.join(
                        ",",
                        userCall("alert-learn-user", "2026-11-01T00:00:05Z", "s3.amazonaws.com", "ListBuckets", null),
                        webIdentity("alert-irsa-reader", "2026-11-01T00:00:06Z", "reader", "ALERTSIRSA000001"))
                + "]";
        String day3 = "["
                + String.join(
                        ",",
                        userCall(
                                "alert-new-action",
                                "2026-11-03T01:05:00Z",
                                "iam.amazonaws.com",
                                "CreateAccessKey",
                                null),
                        userCall(
                                "alert-denied-2",
                                "2026-11-03T01:40:00Z",
                                "s3.amazonaws.com",
                                "GetObject",
                                "AccessDenied"),
                        userCall(
                                "alert-denied-1",
                                "2026-11-03T01:20:00Z",
                                "s3.amazonaws.com",
                                "GetObject",
                                "AccessDenied"),
                        nodeCall("alert-node-ec2", "2026-11-03T01:10:00Z", "ec2.amazonaws.com", "DescribeInstances"),
                        nodeCall("alert-node-s3", "2026-11-03T01:11:00Z", "s3.amazonaws.com", "ListBuckets"),
                        webIdentity("alert-irsa-intruder", "2026-11-03T01:15:00Z", "intruder", "ALERTSIRSA000002"))
                + "]";
        TestInputs.write(
                trail.resolve("2026/11/01/" + ACCOUNT + "_CloudTrail_us-east-1_20261101T0000Z_alertsday1.json.gz"),
                TestInputs.gzip(("{\"Records\":" + day1 + "}").getBytes(StandardCharsets.UTF_8)));
        TestInputs.write(
                trail.resolve("2026/11/03/" + ACCOUNT + "_CloudTrail_us-east-1_20261103T0100Z_alertsday3.json.gz"),
                TestInputs.gzip(("{\"Records\":" + day3 + "}").getBytes(StandardCharsets.UTF_8)));
        String audit = k8sRequest("alert-k8s-1", "2026-11-01T00:00:07Z", "alert-app-k8s", "ALERTSK8S0000001")
                + "\n" + k8sRequest("alert-k8s-2", "2026-11-03T01:30:00Z", "alert-intruder", "ALERTSK8S0000002")
                + "\n";
        TestInputs.write(input.resolve("alerts-audit/audit.jsonl"), audit.getBytes(StandardCharsets.UTF_8));
    }

    static String common(String id, String time, String source, String name) {
        return "\"eventVersion\":\"1.08\",\"eventTime\":\"" + time + "\",\"eventSource\":\"" + source
                + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.7\","
                + "\"userAgent\":\"aws-cli/2.15\",\"requestID\":\"req-" + id + "\",\"eventID\":\"" + id
                + "\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"" + ACCOUNT + "\"";
    }

    static String userCall(String id, String time, String source, String name, String error) {
        String request = name.equals("GetObject")
                ? "{\"bucketName\":\"alerts-lab-bucket\",\"key\":\"secret.txt\",\"Host\":\"alerts-lab-bucket.s3.amazonaws.com\"}"
                : name.equals("CreateAccessKey") ? "{\"userName\":\"alert-ci\"}" : "{\"Host\":\"s3.amazonaws.com\"}";
        String response = name.equals("CreateAccessKey") && error == null
                ? "{\"accessKey\":{\"accessKeyId\":\"AKIAALERTSNEWKEY0001\",\"secretAccessKey\":\"" + SECRET
                        + "\",\"status\":\"Active\",\"userName\":\"alert-ci\"}}"
                : "null";
        String resources = name.equals("GetObject")
                ? ",\"resources\":[{\"type\":\"AWS::S3::Object\",\"ARN\":\"arn:aws:s3:::alerts-lab-bucket/secret.txt\"}]"
                : "";
        return "{" + common(id, time, source, name)
                + ",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAALERTSCI00000001\",\"arn\":\"" + USER
                + "\",\"accountId\":\"" + ACCOUNT
                + "\",\"accessKeyId\":\"AKIAALERTSCI0000KEY1\",\"userName\":\"alert-ci\"}"
                + ",\"requestParameters\":" + request + ",\"responseElements\":" + response
                + (error == null ? "" : ",\"errorCode\":\"" + error + "\",\"errorMessage\":\"Access Denied\"")
                + resources + ",\"readOnly\":" + !name.equals("CreateAccessKey")
                + ",\"managementEvent\":" + !name.equals("GetObject") + ",\"eventCategory\":\""
                + (name.equals("GetObject") ? "Data" : "Management") + "\"}";
    }

    static String nodeCall(String id, String time, String source, String name) {
        return "{" + common(id, time, source, name)
                + ",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAALERTSNODE000001:i-0123456789abcdef0\","
                + "\"arn\":\"arn:aws:sts::" + ACCOUNT + ":assumed-role/alert-node-role/i-0123456789abcdef0\","
                + "\"accountId\":\"" + ACCOUNT + "\",\"accessKeyId\":\"ASIAALERTSNODE000001\","
                + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAALERTSNODE000001\","
                + "\"arn\":\"" + NODE_ROLE + "\",\"accountId\":\"" + ACCOUNT + "\",\"userName\":\"alert-node-role\"},"
                + "\"attributes\":{\"creationDate\":\"2026-11-03T00:00:00Z\",\"mfaAuthenticated\":\"false\"},"
                + "\"ec2RoleDelivery\":\"2.0\"}}"
                + ",\"requestParameters\":null,\"responseElements\":null,\"readOnly\":true,\"managementEvent\":true,"
                + "\"eventCategory\":\"Management\"}";
    }

    static String webIdentity(String id, String time, String sa, String key) {
        String subject = "system:serviceaccount:shop:" + sa;
        String provider = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + ISSUER;
        String expires = Instant.parse(time).plusSeconds(3600).toString();
        return "{" + common(id, time, "sts.amazonaws.com", "AssumeRoleWithWebIdentity")
                + ",\"userIdentity\":{\"type\":\"WebIdentityUser\",\"principalId\":\"" + provider
                + ":sts.amazonaws.com:" + subject + "\",\"userName\":\"" + subject + "\",\"identityProvider\":\""
                + provider + "\"}"
                + ",\"requestParameters\":{\"roleArn\":\"" + APP_ROLE + "\",\"roleSessionName\":\"botocore-session-"
                + sa + "\"},\"responseElements\":{\"credentials\":{\"accessKeyId\":\"ASIA" + key
                + "\",\"sessionToken\":\"" + TOKEN + "\",\"expiration\":\"" + expires + "\"},"
                + "\"subjectFromWebIdentityToken\":\"" + subject + "\",\"assumedRoleUser\":{\"assumedRoleId\":"
                + "\"AROAALERTSAPP0000001:botocore-session-" + sa + "\",\"arn\":\"arn:aws:sts::" + ACCOUNT
                + ":assumed-role/alert-app/botocore-session-" + sa + "\"},\"provider\":\"" + provider
                + "\",\"audience\":\"sts.amazonaws.com\"}"
                + ",\"resources\":[{\"accountId\":\"" + ACCOUNT + "\",\"type\":\"AWS::IAM::Role\",\"ARN\":\"" + APP_ROLE
                + "\"}],\"readOnly\":true,\"managementEvent\":true,\"eventCategory\":\"Management\"}";
    }

    static String k8sRequest(String auditId, String time, String role, String key) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + auditId
                + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/kube-system/secrets\","
                + "\"verb\":\"list\",\"user\":{\"username\":\"" + role + "\",\"uid\":\"aws-iam-authenticator:"
                + ACCOUNT + ":AROAALERTS" + role.length() + "\",\"groups\":[\"system:authenticated\"],"
                + "\"extra\":{\"accessKeyId\":[\"ASIA" + key + "\"],\"arn\":[\"arn:aws:sts::" + ACCOUNT
                + ":assumed-role/" + role + "/ops\"],\"canonicalArn\":[\"arn:aws:iam::" + ACCOUNT + ":role/" + role
                + "\"],\"sessionName\":[\"ops\"]}},\"sourceIPs\":[\"198.51.100.4\"],\"userAgent\":\"kubectl/v1.30\","
                + "\"objectRef\":{\"resource\":\"secrets\",\"namespace\":\"kube-system\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"metadata\":{},\"code\":200},\"requestReceivedTimestamp\":\"" + time
                + "\",\"stageTimestamp\":\"" + time + "\",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\","
                + "\"authorization.k8s.io/reason\":\"\"}}";
    }
}
