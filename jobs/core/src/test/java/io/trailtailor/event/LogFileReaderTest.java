package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LogFileReaderTest {

    private static final String TRAIL_KEY = "AWSLogs/o-abcd1234ef/111111111111/CloudTrail/eu-central-1/2017/12/11/"
            + "111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json.gz";

    private static Read read(String source, String cluster, byte[] content) {
        CollectingSink sink = new CollectingSink();
        FileReport report = new LogFileReader(source, cluster, sink).read(new ByteArrayInputStream(content));
        assertThat(report.recordsRead())
                .as("every record read is kept, quarantined or skipped")
                .isEqualTo(report.apiCalls()
                        + report.auditEvents()
                        + report.quarantinedRecords()
                        + report.skippedRecords());
        assertThat(sink.calls).hasSize((int) report.apiCalls());
        assertThat(sink.events).hasSize((int) report.auditEvents());
        return new Read(report, sink);
    }

    record Read(FileReport report, CollectingSink sink) {}

    static Stream<Arguments> layouts() {
        byte[] firehose = Fixtures.gzip(
                Fixtures.bytes("firehose-member-control.json"),
                Fixtures.bytes("firehose-member-1.json"),
                Fixtures.bytes("firehose-member-2.json"));
        return Stream.of(
                Arguments.of(
                        "trail file, gzip, S3 layout",
                        Fixtures.gzip(Fixtures.bytes("cloudtrail-envelope.json")),
                        7,
                        0,
                        0),
                Arguments.of("trail file, not compressed", Fixtures.bytes("cloudtrail-envelope.json"), 7, 0, 0),
                Arguments.of("plain JSON array of records", Fixtures.bytes("cloudtrail-array.json"), 2, 0, 0),
                Arguments.of(
                        "JSON lines with Logstash fields and EventBridge",
                        Fixtures.bytes("cloudtrail-lines.jsonl"),
                        3,
                        0,
                        0),
                Arguments.of("lookup-events output", Fixtures.bytes("cloudtrail-lookup-events.json"), 1, 0, 0),
                Arguments.of(
                        "CloudWatch Logs subscription of a trail",
                        Fixtures.gzip(Fixtures.bytes("cloudtrail-cloudwatch-subscription.json")),
                        2,
                        0,
                        0),
                Arguments.of("Insights records", Fixtures.gzip(Fixtures.bytes("cloudtrail-insight.json")), 0, 0, 1),
                Arguments.of("kube-apiserver audit JSON lines", Fixtures.bytes("audit-kube-apiserver.jsonl"), 0, 4, 0),
                Arguments.of(
                        "CloudWatch Logs export task",
                        Fixtures.gzip(Fixtures.bytes("audit-cloudwatch-export.txt")),
                        0,
                        2,
                        0),
                Arguments.of("Firehose concatenated gzip batches", firehose, 0, 3, 1),
                Arguments.of("CloudWatch Logs export of a trail", Fixtures.gzip(cloudWatchExportOfTrail()), 2, 0, 0),
                Arguments.of("audit EventList envelope", auditEventList(), 0, 4, 0));
    }

    /** A trail delivered to CloudWatch Logs and exported: {@code <ISO timestamp> <record>} lines, one record each. */
    private static byte[] cloudWatchExportOfTrail() {
        return ("2017-12-11T15:01:51.000Z " + oneLine("cloudtrail-array.json", 0) + "\n" + "2020-07-23T02:19:46.000Z "
                        + oneLine("cloudtrail-array.json", 1) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** kube-apiserver's webhook backend batches events as an audit.k8s.io EventList. */
    private static byte[] auditEventList() {
        String items = String.join(
                ",",
                new String(Fixtures.bytes("audit-kube-apiserver.jsonl"), StandardCharsets.UTF_8)
                        .strip()
                        .split("\n"));
        return ("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":[" + items + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void readsEveryRecordOfEveryLayout(String layout, byte[] content, int calls, int events, int skipped) {
        Read r = read(TRAIL_KEY, null, content);

        assertThat(r.report().apiCalls()).isEqualTo(calls);
        assertThat(r.report().auditEvents()).isEqualTo(events);
        assertThat(r.report().skippedRecords()).isEqualTo(skipped);
        assertThat(r.sink().quarantined).isEmpty();
        assertThat(r.report().skipped()).isFalse();
        assertThat(r.sink().everything()).doesNotContain("SECRET").doesNotContain("hunter2");
    }

    @Test
    void normalizesEveryFieldOfATrailRecord() {
        Read r = read(TRAIL_KEY, null, Fixtures.gzip(Fixtures.bytes("cloudtrail-envelope.json")));

        ApiCall podIdentityMint = find(r.sink().calls, "7b7e4636-4713-3d04-b86a-cd6774cdbae9");
        assertThat(podIdentityMint.eventTime()).isEqualTo(Instant.parse("2024-04-16T09:20:04Z"));
        assertThat(podIdentityMint.eventSource()).isEqualTo("sts.amazonaws.com");
        assertThat(podIdentityMint.eventName()).isEqualTo("AssumeRole");
        assertThat(podIdentityMint.readOnly()).isTrue();
        assertThat(podIdentityMint.identity().type()).isEqualTo("AWSService");
        assertThat(podIdentityMint.identity().invokedBy()).isEqualTo("pods.eks.amazonaws.com");
        assertThat(podIdentityMint.sharedEventId()).isEqualTo("c30ac43f-e051-426b-94bc-ab73b05e34e9");
        assertThat(podIdentityMint.resources())
                .containsExactly(new ResourceRef(
                        "AWS::IAM::Role",
                        "arn:aws:iam::823571991546:role/eks-pod-s3-read-access-role",
                        "823571991546"));
        assertThat(podIdentityMint.requestParameters()).contains("\"kubernetes-pod-uid\"");
        assertThat(podIdentityMint.responseElements())
                .contains("\"accessKeyId\":\"ASIA37QFXJP5MQOWRZ6Q\"")
                .doesNotContain("sessionToken");
        assertThat(podIdentityMint.sourceFile()).isEqualTo(TRAIL_KEY);

        ApiCall agent = find(r.sink().calls, "e05b6d2e-4be6-45dd-8ad5-ba1e076002a5");
        CallerIdentity node = agent.identity();
        assertThat(node.sessionName()).isEqualTo("i-064d652934ecf0bfc");
        assertThat(node.sessionIssuerArn())
                .isEqualTo("arn:aws:iam::ACCOUNT_ID:role/platform-eks-node-group-20231128085853957000000011");
        assertThat(node.ec2RoleDelivery()).isEqualTo("2.0");
        assertThat(node.creationDate()).isEqualTo(Instant.parse("2023-12-13T01:04:37Z"));
        assertThat(agent.requestParameters()).isEqualTo("{\"clusterName\":\"eksworkshop-eksctl\"}");
        assertThat(agent.responseElements()).isNull();

        ApiCall irsaCall = find(r.sink().calls, "cEXAMPLE-e6c2-465d-b47f-150EXAMPLE97");
        assertThat(irsaCall.identity().webIdProvider())
                .isEqualTo(
                        "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLEFA1C58F08CDB049167EXAMPLE");
        assertThat(irsaCall.identity().accessKeyId()).isEqualTo("EXAMPLE_KEY_ID");

        ApiCall failedIrsa = find(r.sink().calls, "899f0a00-4e04-4fab-bb35-0297ed266f62");
        assertThat(failedIrsa.denied()).isTrue();
        assertThat(failedIrsa.identity().userName()).isEqualTo("system:serviceaccount:argo:awf-aws-executor-plugin");
        assertThat(failedIrsa.identity().webIdProvider()).endsWith("/id/A8242F25BFBB8F98F5321B2AE63C8B5C");
    }

    @Test
    void normalizesAuditEventsAndKeepsOnlyWhatCorrelationNeeds() {
        Read r = read("audit.jsonl", "prod-east", Fixtures.bytes("audit-kube-apiserver.jsonl"));

        AuditEvent create = findEvent(r.sink().events, "1354641c-135e-4adb-8052-43e125ea8690");
        assertThat(create.cluster()).isEqualTo("prod-east");
        assertThat(create.verb()).isEqualTo("create");
        assertThat(create.resource()).isEqualTo("pods");
        assertThat(create.responseCode()).isEqualTo(201);
        assertThat(create.requestReceivedTimestamp()).isEqualTo(Instant.parse("2018-10-26T09:13:36.411557Z"));
        assertThat(create.decision()).isEqualTo("allow");
        assertThat(create.responseObject())
                .contains(
                        "\"uid\":\"6b5d73bb-d8ff-11e8-a2e6-080027728ac4\"",
                        "\"serviceAccountName\":\"default\"",
                        "\"audience\":\"sts.amazonaws.com\"",
                        "\"AWS_ROLE_ARN\"")
                .doesNotContain("DB_PASSWORD", "hunter2", "image", "selfLink");

        AuditEvent patch = findEvent(r.sink().events, "0e507148-8b16-4dfb-934b-9b05dba50974");
        assertThat(patch.user().extraValue("sessionName")).isEqualTo("i-00000000000000");
        assertThat(patch.subresource()).isEqualTo("status");
        assertThat(patch.requestObject()).contains("\"podIP\":\"10.0.1.23\"");

        AuditEvent token = findEvent(r.sink().events, "ff553b33-1789-43c6-bd3c-db6e5566cb44");
        assertThat(token.responseObject())
                .contains("\"audiences\":[\"sts.amazonaws.com\"]")
                .doesNotContain("eyJ");

        AuditEvent list = findEvent(r.sink().events, "7a1c2b3d-0000-4000-8000-0000000000aa");
        assertThat(list.user().extraValue("arn"))
                .isEqualTo("arn:aws:sts::123412341234:assumed-role/DevAdministrator/1669660343296132000");
        assertThat(list.requestObject()).isNull();
    }

    @Test
    void takesTheClusterFromTheEksLogGroupUnlessTheCommandLineNamesIt() {
        byte[] firehose = Fixtures.gzip(Fixtures.bytes("firehose-member-1.json"));

        assertThat(read("f.gz", null, firehose).sink().events)
                .extracting(AuditEvent::cluster)
                .containsOnly("prod-east");
        assertThat(read("f.gz", "blue", firehose).sink().events)
                .extracting(AuditEvent::cluster)
                .containsOnly("blue");
        assertThat(read("a.jsonl", null, Fixtures.bytes("audit-kube-apiserver.jsonl"))
                        .sink()
                        .events)
                .extracting(AuditEvent::cluster)
                .containsOnly("unknown");
    }

    @Test
    void skipsDigestFilesByContentAndByPath() {
        Read byContent = read("some/file.json", null, Fixtures.bytes("digest.json"));
        assertThat(byContent.report().skipReason()).isEqualTo("CloudTrail digest file");
        assertThat(byContent.report().recordsRead()).isZero();

        assertThat(LogFileReader.skipReasonForPath(
                        "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/x.json.gz"))
                .isEqualTo("CloudTrail digest file");
        assertThat(LogFileReader.skipReasonForPath("AWSLogs/1/CloudTrail-Insight/us-east-1/2020/01/01/x.json.gz"))
                .isEqualTo("CloudTrail Insights file");
        assertThat(LogFileReader.skipReasonForPath("exportedlogs/aws-logs-write-test"))
                .isEqualTo("CloudWatch Logs export permission probe");
        assertThat(LogFileReader.skipReasonForPath(TRAIL_KEY)).isNull();
    }

    static Stream<Arguments> badInput() {
        String good = oneLine("cloudtrail-array.json", 0);
        String noTime = good.replace("\"eventTime\": \"2017-12-11T15:01:51Z\", ", "")
                .replace("\"eventTime\":\"2017-12-11T15:01:51Z\",", "");
        String badTime = good.replace("2017-12-11T15:01:51Z", "yesterday at noon");
        byte[] invalidUtf8 =
                (good.substring(0, good.length() - 1) + ", \"userAgent\": \"XY\"}").getBytes(StandardCharsets.UTF_8);
        int y = indexOf(invalidUtf8, (byte) 'Y');
        invalidUtf8[y - 1] = (byte) 0xC3; // a two-byte lead followed by a byte that cannot continue it
        invalidUtf8[y] = (byte) 0x28;
        String oversized = "{\"eventVersion\":\"1.08\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        String huge = "{\"Records\":[" + good + "," + oversized + "," + good.replace("a0ed971f", "a0ed971e") + "]}";
        return Stream.of(
                Arguments.of(
                        "non-JSON lines in a log",
                        (good + "\nthis is not a log\nneither is this\n").getBytes(StandardCharsets.UTF_8),
                        1,
                        List.of("not JSON", "not JSON")),
                Arguments.of(
                        "wrong envelope",
                        "{\"Records\": {\"eventName\": 1}}".getBytes(StandardCharsets.UTF_8),
                        0,
                        List.of("wrong envelope: Records/logEvents is not an array")),
                Arguments.of(
                        "record without eventTime",
                        ("{\"Records\":[" + noTime + "," + good + "]}").getBytes(StandardCharsets.UTF_8),
                        1,
                        List.of("CloudTrail record without eventTime")),
                Arguments.of(
                        "unparseable timestamp",
                        (badTime + "\n" + good + "\n").getBytes(StandardCharsets.UTF_8),
                        1,
                        List.of("unparseable eventTime: yesterday at noon")),
                Arguments.of(
                        "record over 1 MiB",
                        huge.getBytes(StandardCharsets.UTF_8),
                        2,
                        List.of("record over 1 MiB (" + oversized.length() + " bytes)")),
                Arguments.of(
                        "invalid UTF-8",
                        concat(
                                invalidUtf8,
                                "\n".getBytes(StandardCharsets.UTF_8),
                                (good + "\n").getBytes(StandardCharsets.UTF_8)),
                        1,
                        List.of("invalid UTF-8")),
                Arguments.of(
                        "a broken line among JSON lines",
                        (good + "\n{\"eventVersion\": \"1.08\", \"eventSo\n" + good.replace("a0ed971f", "a0ed971e")
                                        + "\n")
                                .getBytes(StandardCharsets.UTF_8),
                        2,
                        List.of("malformed JSON line")),
                Arguments.of(
                        "a JSON scalar among records",
                        ("{\"Records\":[" + good + ", 42]}").getBytes(StandardCharsets.UTF_8),
                        1,
                        List.of("not a JSON object")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void quarantinesBadRecordsWithTheirReasonAndKeepsTheRest(
            String name, byte[] content, int kept, List<String> reasons) {
        Read r = read("bad.json", null, content);

        assertThat(r.report().apiCalls()).isEqualTo(kept);
        assertThat(r.sink().quarantined).extracting(Quarantined::reason).containsExactlyElementsOf(reasons);
        assertThat(r.sink().quarantined).allSatisfy(q -> {
            assertThat(q.source()).isEqualTo("bad.json");
            assertThat(q.position()).startsWith("byte ");
            assertThat(q.excerpt()).isNotNull().hasSizeLessThanOrEqualTo(Quarantined.MAX_EXCERPT);
        });
        assertThat(r.report().quarantined()).isFalse();
    }

    /** Three JSON lines: a good record, {@code middle}, another good record. */
    private static byte[] between(byte[] middle) {
        String good = oneLine("cloudtrail-array.json", 0);
        return concat(utf8(good + "\n"), middle, utf8("\n" + good.replace("a0ed971f", "a0ed971e") + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "+1000000000-01-01T00:00:00Z           | eventTime out of range: +1000000000-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59.999999999Z | eventTime out of range: +1000000000-12-31T23:59:59.999999999Z",
                "-1000000000-01-01T00:00:00Z           | eventTime out of range: -1000000000-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z            | eventTime out of range: +999999999-12-31T23:59:59Z",
                "+999999999-12-31T23:59:59-18:00       | eventTime out of range: +999999999-12-31T23:59:59-18:00",
                "+10000-01-01T00:00:00Z                | eventTime out of range: +10000-01-01T00:00:00Z",
                "-0001-12-31T23:59:59Z                 | eventTime out of range: -0001-12-31T23:59:59Z",
                "+1000000001-01-01T00:00:00Z           | unparseable eventTime: +1000000001-01-01T00:00:00Z",
                "2017-12-11T15:01:51.99999999999999Z   | unparseable eventTime: 2017-12-11T15:01:51.99999999999999Z"
            })
    void quarantinesARecordWhoseTimeNoTableCanHoldAndReadsOn(String eventTime, String reason) {
        String record = oneLine("cloudtrail-array.json", 0)
                .replace("a0ed971f", "a0ed971d")
                .replace("2017-12-11T15:01:51Z", eventTime);

        Read r = read("times.jsonl", null, between(utf8(record)));

        assertThat(r.report().apiCalls()).isEqualTo(2);
        assertThat(r.sink().quarantined).extracting(Quarantined::reason).containsExactly(reason);
        assertThat(r.report().quarantined()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0000-01-01T00:00:00Z, -62167219200000",
        "9999-12-31T23:59:59.999999999Z, 253402300799999",
        "1969-12-31T23:59:59.999Z, -1",
        "1970-01-01T00:00:00Z, 0"
    })
    void keepsRecordsAtTheEdgesOfTheAcceptedYears(String eventTime, long epochMillis) {
        String record = oneLine("cloudtrail-array.json", 0)
                .replace("a0ed971f", "a0ed971d")
                .replace("2017-12-11T15:01:51Z", eventTime);

        Read r = read("times.jsonl", null, between(utf8(record)));

        assertThat(r.report().apiCalls()).isEqualTo(3);
        assertThat(r.sink().calls.get(1).eventTime().toEpochMilli()).isEqualTo(epochMillis);
        Instant time = r.sink().calls.get(1).eventTime();
        assertThat(Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000))
                .as("fits timestamp-micros too")
                .isEqualTo(Math.multiplyExact(epochMillis, 1000L) + time.getNano() / 1000 % 1000);
    }

    @Test
    void dropsAnOptionalTimeOutOfRangeButKeepsItsRecord() {
        String record =
                oneLine("cloudtrail-array.json", 0).replace("2017-11-18T00:21:51Z", "+1000000000-01-01T00:00:00Z");

        Read r = read("t.jsonl", null, utf8(record + "\n"));

        assertThat(r.report().apiCalls()).isEqualTo(1);
        assertThat(r.sink().calls.get(0).identity().creationDate()).isNull();
    }

    @Test
    void quarantinesAnAuditEventAtInstantMaxAndReadsOn() {
        String[] lines = new String(Fixtures.bytes("audit-kube-apiserver.jsonl"), StandardCharsets.UTF_8)
                .strip()
                .split("\n");
        lines[1] = lines[1].replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "+1000000000-12-31T23:59:59.999999999Z");

        Read r = read("audit.jsonl", "c", utf8(String.join("\n", lines) + "\n"));

        assertThat(r.report().auditEvents()).isEqualTo(lines.length - 1L);
        assertThat(r.sink().quarantined)
                .extracting(Quarantined::reason)
                .containsExactly("unparseable audit timestamp: +1000000000-12-31T23:59:59.999999999Z");
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("overlong '/'", new byte[] {(byte) 0xC0, (byte) 0xAF}),
                Arguments.of("overlong three-byte '/'", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
                Arguments.of("encoded high surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                Arguments.of("encoded low surrogate", new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}),
                Arguments.of("beyond U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                Arguments.of("a byte UTF-8 never uses", new byte[] {(byte) 0xFF}),
                Arguments.of("a lone continuation byte", new byte[] {(byte) 0x80}),
                Arguments.of("a sequence cut short", new byte[] {(byte) 0xE2, (byte) 0x82}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void quarantinesInvalidUtf8ThatALenientDecoderWouldLetThrough(String name, byte[] bad) {
        String record = oneLine("cloudtrail-array.json", 0).replace("a0ed971f", "a0ed971d");
        int agent = record.indexOf("\"userAgent\":\"") + "\"userAgent\":\"".length();
        byte[] middle = concat(utf8(record.substring(0, agent)), bad, utf8(record.substring(agent)));

        Read r = read("utf8.jsonl", null, between(middle));

        assertThat(r.report().apiCalls()).isEqualTo(2);
        assertThat(r.sink().quarantined).extracting(Quarantined::reason).containsExactly("invalid UTF-8");
    }

    @Test
    void findsTheRecordsBehindAFieldOverOneMebibyteBeforeRecords() {
        String good = oneLine("cloudtrail-array.json", 0);
        String file = "{\"pad\":\"" + "x".repeat(1_100_000) + "\",\"Records\":[" + good + ","
                + good.replace("a0ed971f", "a0ed971e") + "]}";

        Read r = read("big-header.json", null, utf8(file));

        assertThat(r.report().apiCalls()).isEqualTo(2);
        assertThat(r.sink().quarantined).isEmpty();
    }

    @Test
    void quarantinesAJsonLineOverOneMebibyteAndReadsOn() {
        String big = "{\"eventVersion\":\"1.08\",\"pad\":\"" + "x".repeat(1_100_000) + "\",\"eventName\":\"x\"}";

        Read r = read("big-line.jsonl", null, between(utf8(big)));

        assertThat(r.report().apiCalls()).isEqualTo(2);
        assertThat(r.sink().quarantined)
                .extracting(Quarantined::reason)
                .containsExactly("record over 1 MiB (" + big.length() + " bytes)");
    }

    @Test
    void quarantinesARecordTheSinkCannotTakeAndReadsOn() {
        RecordSink strict = new CollectingSink() {
            @Override
            public void apiCall(ApiCall call) {
                if (call.eventId().startsWith("a0ed971d")) {
                    throw new ArithmeticException("long overflow"); // as Instant.toEpochMilli does
                }
                super.apiCall(call);
            }
        };
        String record = oneLine("cloudtrail-array.json", 0).replace("a0ed971f", "a0ed971d");

        FileReport report =
                new LogFileReader("s.jsonl", null, strict).read(new ByteArrayInputStream(between(utf8(record))));
        CollectingSink sink = (CollectingSink) strict;

        assertThat(report.apiCalls()).isEqualTo(2);
        assertThat(report.quarantinedRecords()).isEqualTo(1);
        assertThat(report.recordsRead()).isEqualTo(3);
        assertThat(sink.calls).hasSize(2);
        assertThat(sink.quarantined)
                .extracting(Quarantined::reason)
                .containsExactly("record could not be normalized: ArithmeticException: long overflow");
    }

    @Test
    void keepsCountsThatAddUpWhenTheSinkItselfFails() {
        CollectingSink failing = new CollectingSink() {
            @Override
            public void quarantined(Quarantined rejected) {
                throw new IllegalStateException("output closed");
            }
        };
        LogFileReader reader = new LogFileReader("f.jsonl", null, failing);
        byte[] input = between(utf8("not json"));

        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(input)))
                .isInstanceOf(IllegalStateException.class);
        FileReport report = reader.countedSoFar("sink failed");

        assertThat(report.apiCalls()).isEqualTo(1);
        assertThat(report.recordsRead()).isEqualTo(1);
        assertThat(failing.calls).hasSize(1);
        assertThat(report.quarantineReason()).isEqualTo("sink failed");
    }

    @Test
    void keepsTheRecordsBeforeTheBreakOfATruncatedGzipFile() {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        String good = oneLine("cloudtrail-array.json", 0);
        for (int i = 0; i < 200; i++) {
            json.append(i == 0 ? "" : ",").append(good.replace("a0ed971f-389f", String.format("%08d-389f", i)));
        }
        byte[] whole = Fixtures.gzip(json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);

        Read r = read("cut.json.gz", null, cut);

        assertThat(r.report().apiCalls()).isPositive().isLessThan(200).isEqualTo(completeRecordsBeforeTheBreak(cut));
        assertThat(r.report().quarantineReason())
                .startsWith("unreadable or truncated input after " + r.report().apiCalls() + " records");
        assertThat(r.sink().quarantined).hasSize(1);
    }

    static Stream<Arguments> damagedGzipMembers() {
        byte[] first = Fixtures.gzip(Fixtures.bytes("firehose-member-1.json"));
        byte[] second = Fixtures.gzip(Fixtures.bytes("firehose-member-2.json"));
        byte[] badHeader = second.clone();
        badHeader[1] = 0; // the magic number: unchecked, the JDK would end the file here without a word
        return Stream.of(
                Arguments.of("stray bytes after the last member", concat(first, utf8("junk"))),
                Arguments.of("a stray byte after the last member", concat(first, new byte[] {0})),
                Arguments.of("garbage between members", concat(first, utf8("garbage!"), second)),
                Arguments.of("a damaged member header", concat(first, badHeader)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedGzipMembers")
    void reportsWhatFollowsAGzipMemberAndCannotBeRead(String name, byte[] content) {
        Read r = read("firehose.gz", null, content);

        assertThat(r.report().auditEvents()).as("the first member's events").isEqualTo(2);
        assertThat(r.report().quarantineReason())
                .isEqualTo("unreadable or truncated input after 2 records: "
                        + "ZipException: unreadable data after the last gzip member");
    }

    @Test
    void readsEveryGzipMemberFromAStreamThatReportsNothingAvailable() {
        byte[] firehose = Fixtures.gzip(
                Fixtures.bytes("firehose-member-control.json"),
                Fixtures.bytes("firehose-member-1.json"),
                Fixtures.bytes("firehose-member-2.json"));
        InputStream network = new java.io.FilterInputStream(new ByteArrayInputStream(firehose)) {
            @Override
            public int available() {
                return 0; // as HTTP response bodies do
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7)); // and deliver in small pieces
            }
        };
        CollectingSink sink = new CollectingSink();
        FileReport report = new LogFileReader("s3://bucket/firehose.gz", null, sink).read(network);

        assertThat(report.auditEvents()).isEqualTo(3);
        assertThat(report.skippedRecords()).isEqualTo(1);
    }

    @Test
    void quarantinesAnEmptyFile() {
        Read r = read("empty.json", null, new byte[0]);
        assertThat(r.report().quarantineReason()).isEqualTo("empty file");
        assertThat(r.sink().quarantined).extracting(Quarantined::reason).containsExactly("empty file");
    }

    @Test
    void quarantinesAFileThatCannotBeRead() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        };
        CollectingSink sink = new CollectingSink();
        FileReport report = new LogFileReader("s3://b/k", null, sink).read(failing);
        assertThat(report.quarantineReason())
                .isEqualTo("unreadable or truncated input after 0 records: IOException: Connection reset");
    }

    @Test
    void masksSecretsInQuarantineExcerpts() {
        String broken =
                "{\"eventVersion\":\"1.08\",\"responseElements\":{\"credentials\":{\"sessionToken\":\"FwoGSECRETTOKEN\","
                        + "\"accessKeyId\":\"ASIAX\"}},\"eventName\":";
        Read r = read("bad.json", null, (broken + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(r.sink().quarantined).singleElement().satisfies(q -> {
            assertThat(q.excerpt()).doesNotContain("SECRET").contains("\"sessionToken\":\"<removed>\"");
        });
    }

    /** Decompresses what can be decompressed and counts the records that end before the break. */
    private static long completeRecordsBeforeTheBreak(byte[] gzip) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (InputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzip))) {
            byte[] buf = new byte[1];
            while (in.read(buf) > 0) {
                out.write(buf[0]);
            }
        } catch (IOException expected) {
            // the break
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return text.split("\"recipientAccountId\":\"111111111111\"}", -1).length - 1L;
    }

    private static String oneLine(String fixture, int index) {
        try {
            return Json.MAPPER.writeValueAsString(
                    Json.MAPPER.readTree(Fixtures.bytes(fixture)).get(index));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static ApiCall find(List<ApiCall> calls, String eventId) {
        return calls.stream()
                .filter(c -> c.eventId().equals(eventId))
                .findFirst()
                .orElseThrow();
    }

    private static AuditEvent findEvent(List<AuditEvent> events, String auditId) {
        return events.stream()
                .filter(e -> e.auditId().equals(auditId))
                .findFirst()
                .orElseThrow();
    }
}
