package io.trailtailor.flink.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.OutputTables;
import io.trailtailor.flink.TestAnalysis;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants secrets of every shape we know across CloudTrail and audit input, each carrying a unique marker
 * ({@code ZQX} and two digits), runs {@code analyze}, and searches every output file for every marker: text files as
 * text, Parquet files decoded row by row with every string value visited. The records holding the secrets must still
 * be kept and counted.
 */
@Timeout(300)
class NoSecretLeavesITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(2);

    private static final Pattern MARKER = Pattern.compile("ZQX\\d\\d");
    private static final String TIME = "2024-05-01T10:00:00Z";
    private static final String USER = "{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:app\","
            + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/app/app\",\"accountId\":\"111122223333\","
            + "\"accessKeyId\":\"ASIAJOINKEY000000001\"}";

    @TempDir
    Path dir;

    private final List<String> planted = new ArrayList<>();

    @BeforeEach
    void plantSecrets() throws IOException {
        Path trail = dir.resolve("in/cloudtrail");
        List<String> records = List.of(
                call(
                        "e01",
                        "sts.amazonaws.com",
                        "AssumeRoleWithWebIdentity",
                        "\"responseElements\":{\"credentials\":{\"accessKeyId\":\"ASIAJOINKEY000000002\","
                                + "\"sessionToken\":\"" + mark(1) + "\",\"expiration\":\"x\"},"
                                + "\"subjectFromWebIdentityToken\":\"system:serviceaccount:shop:api\"}"),
                call(
                        "e02",
                        "iam.amazonaws.com",
                        "CreateAccessKey",
                        "\"responseElements\":{\"accessKey\":{\"accessKeyId\":\"AKIAJOINKEY000000003\","
                                + "\"secretAccessKey\":\"wJalrXUtnFEMI/K7MDENG/" + mark(2) + "\"}}"),
                call(
                        "e03",
                        "s3.amazonaws.com",
                        "PutObject",
                        "\"requestParameters\":{\"bucketName\":\"b\",\"key\":\"k\",\"aws_secret_access_key\":\""
                                + mark(3) + "\",\"headers\":{\"x-amz-security-token\":\"" + mark(4)
                                + "\",\"X-Amz-Security-Token\":\"" + mark(5) + "\",\"apiKey\":\"" + mark(6)
                                + "\"}}"),
                call(
                        "e04",
                        "lambda.amazonaws.com",
                        "CreateFunction20150331",
                        "\"requestParameters\":{\"functionName\":\"f\",\"environment\":{\"variables\":{\"DB_URL\":\""
                                + mark(7) + "\"}}}"),
                call(
                        "e05",
                        "lambda.amazonaws.com",
                        "UpdateFunctionConfiguration20150331v2",
                        "\"requestParameters\":{\"functionName\":\"f\",\"environment\":{\"variables\":{\"KEY\":\""
                                + mark(8) + "\"}}}"),
                call(
                        "e06",
                        "s3.amazonaws.com",
                        "ListBuckets",
                        "\"userAgent\":\"aws-cli/2.15 password=" + mark(9) + "\",\"errorCode\":\"AccessDenied\","
                                + "\"errorMessage\":\"invalid token=" + mark(10) + " for key AKIAZQX11ABCDEFGHIJK\""),
                call(
                        "e07",
                        "codebuild.amazonaws.com",
                        "StartBuild",
                        "\"requestParameters\":{\"projectName\":\"p\",\"note\":\"Authorization: Bearer " + mark(12)
                                + "abcdef\",\"idTokenHint\":\"eyJhbGciOiJSUzI1NiJ9." + mark(13) + "payload.sig\","
                                + "\"certificate\":\"-----BEGIN PRIVATE KEY-----\\nMIIE" + mark(14)
                                + "\\n-----END PRIVATE KEY-----\",\"githubAuth\":\"ghp_" + mark(15)
                                + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"hook\":\"xoxb-1234567890-" + mark(16)
                                + "abcdefghij\",\"dbUrl\":\"postgres://app:" + mark(17) + "@db:5432/shop\","
                                + "\"proxy\":\"Basic " + mark(18) + "dXNlcjpwYXNz\"},"
                                + "\"additionalEventData\":{\"connectionString\":\"Server=db;Password=" + mark(19)
                                + "\"}"),
                call(
                        "e08",
                        "ecs.amazonaws.com",
                        "RegisterTaskDefinition",
                        "\"requestParameters\":{\"family\":\"f\",\"containerDefinitions\":[{\"name\":\"c\","
                                + "\"environment\":[{\"name\":\"SETTING\",\"value\":\"" + mark(20) + "\"}]}]}"));
        String trailFile = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/"
                + "111122223333_CloudTrail_us-east-1_20240501T1000Z_abc.json";
        write(trail.resolve(trailFile), "{\"Records\":[" + String.join(",", records) + "]}");
        // a record without eventTime is quarantined, its excerpt scrubbed; a garbage line among JSON lines too
        write(
                trail.resolve("exports/lines.jsonl"),
                call("e09", "s3.amazonaws.com", "GetObject", "")
                                .replace("\"eventTime\":\"" + TIME + "\",", "")
                                .replace(
                                        "\"eventID\":\"e09\"",
                                        "\"eventID\":\"e09\",\"responseElements\":{\"credentials\":"
                                                + "{\"sessionToken\":\"" + mark(21) + "\"}},\"userAgent\":\"x secret="
                                                + mark(22)
                                                + "\"")
                        + "\nexport AWS_SECRET_ACCESS_KEY=" + mark(23) + "\n"
                        + call("e10", "s3.amazonaws.com", "GetObject", "") + "\n");
        // files that are not logs: quarantined by name and size, never excerpted
        write(
                trail.resolve("keys/server.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA" + mark(24) + "\n-----END RSA PRIVATE KEY-----\n");
        write(
                trail.resolve("config/settings.ini"),
                "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = " + mark(25) + "\n");
        // hidden files: skipped by default, quarantined without excerpt with --include-hidden
        write(trail.resolve(".aws/credentials"), "[default]\naws_secret_access_key = " + mark(26) + "\n");
        write(trail.resolve(".env"), "DB_PASSWORD=" + mark(27) + "\n");

        Path audit = dir.resolve("in/audit");
        List<String> events = List.of(
                event(
                        "a01",
                        "create",
                        "/api/v1/namespaces/shop/secrets",
                        "{\"resource\":\"secrets\",\"namespace\":\"shop\",\"name\":\"db\"}",
                        "\"requestObject\":{\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"annotations\":"
                                + "{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"kind\\\":\\\"Secret\\\","
                                + "\\\"stringData\\\":{\\\"pw\\\":\\\"" + mark(28) + "\\\"}}\"}},"
                                + "\"data\":{\"pw\":\"" + mark(29) + "\"},\"stringData\":{\"url\":\"" + mark(30)
                                + "\"}},\"responseObject\":{\"kind\":\"Secret\",\"data\":{\"pw\":\"" + mark(31)
                                + "\"}}"),
                event(
                        "a02",
                        "create",
                        "/api/v1/namespaces/shop/pods",
                        "{\"resource\":\"pods\",\"namespace\":\"shop\",\"name\":\"api-1\"}",
                        "\"requestObject\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"api-1\",\"namespace\":\"shop\","
                                + "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"env\\\":"
                                + "\\\"" + mark(32) + "\\\"}\"}},\"spec\":{\"serviceAccountName\":\"api\","
                                + "\"containers\":[{\"name\":\"app\",\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\""
                                + mark(33) + "\"},{\"name\":\"AWS_REGION\",\"value\":\"" + mark(34) + "\"},"
                                + "{\"name\":\"AWS_ROLE_ARN\",\"value\":\"arn:aws:iam::111122223333:role/api\"}],"
                                + "\"envFrom\":[{\"secretRef\":{\"name\":\"" + mark(35) + "\"}}]}],"
                                + "\"initContainers\":[{\"name\":\"init\",\"env\":[{\"name\":\"TOKEN\",\"value\":\""
                                + mark(36) + "\"}]}],\"ephemeralContainers\":[{\"name\":\"dbg\",\"env\":[{\"name\":"
                                + "\"X\",\"value\":\"" + mark(37) + "\"}]}]}}"),
                event(
                        "a03",
                        "create",
                        "/api/v1/namespaces/shop/pods/api-1/exec?command=sh&command=-c&command=mysql+-p" + mark(38)
                                + "&container=app&stdin=true",
                        "{\"resource\":\"pods\",\"subresource\":\"exec\",\"namespace\":\"shop\",\"name\":\"api-1\"}",
                        "\"userAgent\":\"kubectl/v1.29 token=" + mark(39) + "\""),
                event(
                        "a04",
                        "create",
                        "/api/v1/namespaces/shop/serviceaccounts/api/token",
                        "{\"resource\":\"serviceaccounts\",\"subresource\":\"token\",\"namespace\":\"shop\","
                                + "\"name\":\"api\"}",
                        "\"responseObject\":{\"kind\":\"TokenRequest\",\"spec\":{\"audiences\":[\"sts.amazonaws.com\"]},"
                                + "\"status\":{\"token\":\"eyJhbGciOiJSUzI1NiJ9." + mark(40)
                                + "\",\"expirationTimestamp\":\"2024-05-01T11:00:00Z\"}}"),
                event(
                        "a05",
                        "create",
                        "/api/v1/namespaces/shop/pods/api-1/attach?container=app&stdout=true",
                        "{\"resource\":\"pods\",\"subresource\":\"attach\",\"namespace\":\"shop\",\"name\":\"api-1\"}",
                        "\"annotations\":{\"note\":\"Authorization: Basic " + mark(41) + "dXNlcjpw\"}"));
        // an audit Secret without auditID is quarantined: its excerpt must not carry the data
        String quarantinedSecret = "{\"kind\":\"Event\",\"verb\":\"update\",\"requestReceivedTimestamp\":\"" + TIME
                + "\",\"objectRef\":{\"resource\":\"secrets\"},\"requestObject\":{\"kind\":\"Secret\","
                + "\"data\":{\"pw\":\"" + mark(42) + "\"},\"stringData\":{\"pw\":\"" + mark(43) + "\"}}}";
        write(audit.resolve("audit.jsonl"), String.join("\n", events) + "\n" + quarantinedSecret + "\n");
    }

    @Test
    void noPlantedSecretReachesAnyOutputAndEveryRecordIsStillCounted() throws Exception {
        assertThat(planted).hasSizeGreaterThanOrEqualTo(40);
        assertThat(markersIn(dir.resolve("in"), false))
                .as("the search sees every planted marker in the input")
                .hasSizeGreaterThanOrEqualTo(planted.size());
        Path out = dir.resolve("out");

        Summary summary = analyze(false, out);

        assertThat(markersIn(out)).as("markers found in the outputs").isEmpty();
        assertThat(summary.input("cloudtrailRecords")).isEqualTo(9);
        assertThat(summary.input("auditEvents")).isEqualTo(5);
        assertThat(summary.input("quarantinedRecords"))
                .as("e09, the garbage line, the audit Secret")
                .isEqualTo(3);
        assertThat(summary.input("quarantinedFiles"))
                .as("server.pem and settings.ini")
                .isEqualTo(2);
        assertThat(summary.input("skippedHidden")).as(".aws/ and .env").isEqualTo(2);
        assertThat(summary.input("skippedFiles")).isEqualTo(2);
        List<GenericRecord> calls = OutputTables.readTable(out.resolve("parquet/api_calls"));
        assertThat(calls)
                .extracting(r -> r.get("eventId").toString())
                .containsExactlyInAnyOrder("e01", "e02", "e03", "e04", "e05", "e06", "e07", "e08", "e10");
        assertThat(OutputTables.readTable(out.resolve("parquet/audit_events")))
                .extracting(r -> r.get("requestUri").toString())
                .contains("/api/v1/namespaces/shop/pods/api-1/exec?container=app&stdin=true");
        assertThat(calls.toString()).contains("ASIAJOINKEY000000001", "ASIAJOINKEY000000002", "AKIAJOINKEY000000003");
    }

    @Test
    void hiddenFilesReadOnRequestAreQuarantinedWithoutAnExcerpt() throws Exception {
        Path out = dir.resolve("out-hidden");

        Summary summary = analyze(true, out);

        assertThat(markersIn(out)).as("markers found in the outputs").isEmpty();
        assertThat(summary.input("skippedHidden")).isZero();
        assertThat(summary.input("quarantinedFiles"))
                .as("server.pem, settings.ini, credentials, .env")
                .isEqualTo(4);
        assertThat(String.join("\n", OutputTables.lines(out.resolve("quarantine"))))
                .contains(".aws/credentials", "/.env\"", "not a log file");
    }

    private Summary analyze(boolean includeHidden, Path out) throws Exception {
        return TestAnalysis.run(TestAnalysis.options(out, k -> {
                    k.cloudTrail = List.of(dir.resolve("in/cloudtrail").toString());
                    k.k8sAudit = List.of("prod=" + dir.resolve("in/audit"));
                    k.includeHidden = includeHidden;
                }))
                .summary();
    }

    /** Every marker found in any output file, with the file it is in. */
    private static List<String> markersIn(Path out) throws IOException {
        return markersIn(out, true);
    }

    private static List<String> markersIn(Path out, boolean expectParquet) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        if (expectParquet) {
            assertThat(files).extracting(p -> p.getFileName().toString()).anyMatch(n -> n.endsWith(".parquet"));
        }
        for (Path file : files) {
            List<String> texts = new ArrayList<>();
            if (file.toString().endsWith(".parquet")) {
                for (GenericRecord r : OutputTables.read(file)) {
                    collectStrings(r, texts);
                }
            } else {
                texts.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
            for (String text : texts) {
                Matcher m = MARKER.matcher(text);
                while (m.find()) {
                    found.add(m.group() + " in " + out.relativize(file));
                }
            }
        }
        return found;
    }

    private static void collectStrings(Object value, List<String> out) {
        if (value instanceof GenericRecord r) {
            r.getSchema().getFields().forEach(f -> collectStrings(r.get(f.pos()), out));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                collectStrings(k, out);
                collectStrings(v, out);
            });
        } else if (value instanceof Iterable<?> list) {
            list.forEach(v -> collectStrings(v, out));
        } else if (value instanceof ByteBuffer bytes) {
            out.add(StandardCharsets.UTF_8.decode(bytes.duplicate()).toString());
        } else if (value instanceof CharSequence text) {
            out.add(text.toString());
        }
    }

    private String mark(int n) {
        String marker = String.format("ZQX%02d", n);
        planted.add(marker);
        return marker;
    }

    private static String call(String id, String source, String name, String extra) {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":" + USER + ",\"eventTime\":\"" + TIME + "\","
                + "\"eventSource\":\"" + source + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"10.0.0.1\",\"eventID\":\"" + id + "\",\"recipientAccountId\":\"111122223333\""
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String event(String id, String verb, String uri, String objectRef, String extra) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\",\"auditID\":\""
                + id + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"" + uri + "\",\"verb\":\"" + verb
                + "\",\"user\":{\"username\":\"alice\"},\"sourceIPs\":[\"10.0.0.2\"],\"objectRef\":" + objectRef
                + ",\"responseStatus\":{\"code\":201},\"requestReceivedTimestamp\":\"" + TIME
                + "\",\"stageTimestamp\":\"" + TIME + "\"," + extra + "}";
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
