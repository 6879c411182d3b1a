package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CloudWatchSubscriptionRecordTest {

    private static final String SOURCE = "kinesis:arn:aws:kinesis:us-east-1:111122223333:stream/eks/shardId-0/49";

    static String auditEvent(String auditId) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\""
                + auditId + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/pods\","
                + "\"verb\":\"list\",\"user\":{\"username\":\"system:serviceaccount:shop:cart\"},"
                + "\"requestReceivedTimestamp\":\"2026-11-03T10:00:00.000000Z\","
                + "\"stageTimestamp\":\"2026-11-03T10:00:00.100000Z\"}";
    }

    static String cloudTrailRecord(String eventId) {
        return "{\"eventVersion\":\"1.09\",\"eventTime\":\"2026-11-03T10:00:01Z\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\",\"eventID\":\"" + eventId + "\","
                + "\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/r/s\"}}";
    }

    /** A subscription payload as CloudWatch Logs writes it, with each message as a JSON string. */
    static String payload(String messageType, String logGroup, String... messages) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < messages.length; i++) {
            events.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"3719")
                    .append(i)
                    .append("\",\"timestamp\":1793700000000,\"message\":")
                    .append(Json.MAPPER.valueToTree(messages[i]).toString())
                    .append('}');
        }
        return "{\"messageType\":\"" + messageType + "\",\"owner\":\"111122223333\",\"logGroup\":\"" + logGroup
                + "\",\"logStream\":\"kube-apiserver-audit-0a1b2c\",\"subscriptionFilters\":[\"to-kinesis\"],"
                + "\"logEvents\":[" + events + "]}";
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Read read(byte[] data, String cluster) {
        CollectingSink sink = new CollectingSink();
        SubscriptionReport report = CloudWatchSubscriptionRecord.read(data, SOURCE, cluster, sink);
        assertThat(report.logEvents())
                .as("every log event is kept, quarantined or skipped")
                .isEqualTo(
                        report.apiCalls() + report.auditEvents() + report.quarantinedEvents() + report.skippedEvents());
        assertThat(sink.events).hasSize((int) report.auditEvents());
        assertThat(sink.calls).hasSize((int) report.apiCalls());
        return new Read(report, sink);
    }

    record Read(SubscriptionReport report, CollectingSink sink) {}

    @Test
    void dataMessageYieldsOneAuditEventPerLogEventWithTheClusterOfTheLogGroup() {
        Read r = read(
                gzip(payload("DATA_MESSAGE", "/aws/eks/prod-eu/cluster", auditEvent("a-1"), auditEvent("a-2"))), null);

        assertThat(r.sink.events).extracting(AuditEvent::auditId).containsExactly("a-1", "a-2");
        assertThat(r.sink.events).extracting(AuditEvent::cluster).containsOnly("prod-eu");
        assertThat(r.sink.events.get(0).requestReceivedTimestamp()).isEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
        assertThat(r.sink.events).extracting(AuditEvent::sourceFile).containsOnly(SOURCE);
        assertThat(r.sink.quarantined).isEmpty();
        assertThat(r.report).isEqualTo(new SubscriptionReport("prod-eu", false, null, 2, 0, 2, 0, 0));
    }

    @Test
    void theClusterNamedByTheOperatorWinsOverTheLogGroup() {
        Read r = read(gzip(payload("DATA_MESSAGE", "/aws/eks/prod-eu/cluster", auditEvent("a-1"))), "shop");

        assertThat(r.sink.events).extracting(AuditEvent::cluster).containsExactly("shop");
        assertThat(r.report.cluster()).isEqualTo("shop");
    }

    @Test
    void aLogGroupThatIsNoEksClusterGivesUnknown() {
        Read r = read(gzip(payload("DATA_MESSAGE", "/custom/audit", auditEvent("a-1"))), null);

        assertThat(r.sink.events).extracting(AuditEvent::cluster).containsExactly("unknown");
    }

    @Test
    void cloudTrailDeliveredToCloudWatchLogsYieldsApiCalls() {
        String insight = "{\"eventVersion\":\"1.07\",\"eventType\":\"AwsCloudTrailInsight\",\"eventID\":\"i-1\"}";
        Read r = read(
                gzip(payload("DATA_MESSAGE", "aws-cloudtrail-logs-111122223333", cloudTrailRecord("e-1"), insight)),
                null);

        assertThat(r.sink.calls).extracting(ApiCall::eventId).containsExactly("e-1");
        assertThat(r.sink.calls.get(0).eventName()).isEqualTo("GetObject");
        assertThat(r.report).isEqualTo(new SubscriptionReport("unknown", false, null, 2, 1, 0, 0, 1));
    }

    @Test
    void controlMessagesYieldNothingAndAreNoQuarantine() {
        Read r = read(
                gzip(payload(
                        "CONTROL_MESSAGE", "", "CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.")),
                null);

        assertThat(r.sink.events).isEmpty();
        assertThat(r.sink.quarantined).isEmpty();
        assertThat(r.report.control()).isTrue();
        assertThat(r.report.logEvents()).isZero();
    }

    @Test
    void aBadLogEventCostsOnlyThatEvent() {
        String noAuditId = auditEvent("x").replace("\"auditID\":\"x\",", "");
        String payload = payload(
                "DATA_MESSAGE",
                "/aws/eks/c1/cluster",
                auditEvent("a-1"),
                "not json {",
                "[1,2]",
                "{\"hello\":1}",
                noAuditId,
                auditEvent("a-2"));
        Read r = read(gzip(payload), null);

        assertThat(r.sink.events).extracting(AuditEvent::auditId).containsExactly("a-1", "a-2");
        assertThat(r.sink.quarantined)
                .extracting(Quarantined::position, Quarantined::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("logEvents[1] id 37191", "log event message is not JSON"),
                        org.assertj.core.groups.Tuple.tuple(
                                "logEvents[2] id 37192", "log event message is not a JSON object"),
                        org.assertj.core.groups.Tuple.tuple(
                                "logEvents[3] id 37193", "neither a CloudTrail record nor an audit event"),
                        org.assertj.core.groups.Tuple.tuple("logEvents[4] id 37194", "audit event without auditID"));
        assertThat(r.sink.quarantined).extracting(Quarantined::source).containsOnly(SOURCE);
        assertThat(r.report).isEqualTo(new SubscriptionReport("c1", false, null, 6, 0, 2, 4, 0));
    }

    @Test
    void entriesWithoutATextMessageAreQuarantined() {
        String json = "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"/aws/eks/c1/cluster\",\"logEvents\":["
                + "{\"id\":\"1\",\"timestamp\":1,\"message\":{\"auditID\":\"nested\"}},null,7]}";
        Read r = read(gzip(json), null);

        assertThat(r.sink.quarantined)
                .extracting(Quarantined::reason)
                .containsExactly(
                        "log event without a text message",
                        "log event without a text message",
                        "log event without a text message");
        assertThat(r.report).isEqualTo(new SubscriptionReport("c1", false, null, 3, 0, 0, 3, 0));
    }

    @Test
    void recordsThatAreNoSubscriptionPayloadAreQuarantinedWhole() {
        byte[] truncated = Arrays.copyOf(gzip(payload("DATA_MESSAGE", "/aws/eks/c1/cluster", auditEvent("a-1"))), 30);
        List<byte[]> bad = List.of(
                new byte[0],
                new byte[] {0x01, 0x02, 0x03},
                truncated,
                gzip("{\"messageType\":\"DATA_MESSAGE\""),
                gzip("[]"),
                gzip("{\"logEvents\":[]}"),
                gzip("{\"messageType\":\"SOMETHING_ELSE\",\"logEvents\":[]}"),
                gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":{}}"),
                new byte[] {0x1f, (byte) 0x8b, 'x'},
                gzipBytes(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}));
        List<String> reasons = bad.stream()
                .map(data -> {
                    Read r = read(data, null);
                    assertThat(r.sink.events).isEmpty();
                    assertThat(r.sink.quarantined).hasSize(1);
                    assertThat(r.sink.quarantined.get(0).position()).isEqualTo("record");
                    assertThat(r.report.rejected())
                            .isEqualTo(r.sink.quarantined.get(0).reason());
                    return r.report.rejected();
                })
                .toList();
        assertThat(reasons)
                .containsExactly(
                        "empty record",
                        "neither gzip nor JSON",
                        "broken gzip stream (Unexpected end of ZLIB input stream)",
                        "malformed JSON",
                        "not a JSON object",
                        "not a CloudWatch Logs subscription record (no messageType)",
                        "unknown messageType SOMETHING_ELSE",
                        "DATA_MESSAGE without a logEvents array",
                        "broken gzip stream (Unsupported compression method)",
                        "invalid UTF-8");
    }

    @Test
    void aRecordThatInflatesPastTheLimitIsQuarantinedNotHeld() {
        byte[] zeros = new byte[CloudWatchSubscriptionRecord.MAX_DECOMPRESSED + 1];
        Read r = read(gzipBytes(zeros), null);

        assertThat(r.report.rejected()).isEqualTo("inflates past 32 MiB");
    }

    @Test
    void plainJsonFromARelayThatInflatedItIsReadToo() {
        byte[] plain = payload("DATA_MESSAGE", "/aws/eks/c1/cluster", auditEvent("a-1"))
                .getBytes(StandardCharsets.UTF_8);
        Read r = read(plain, null);

        assertThat(r.sink.events).extracting(AuditEvent::auditId).containsExactly("a-1");
    }

    @Test
    void secretsInRejectedEventsAreMaskedInTheExcerpt() {
        String leaky = "{\"hello\":\"x\",\"sessionToken\":\"IQoJb3JpZ2luX2VjEXAMPLETOKENVALUE1234567890abcdef\"}";
        Read r = read(gzip(payload("DATA_MESSAGE", "/aws/eks/c1/cluster", leaky)), null);

        assertThat(r.sink.quarantined).hasSize(1);
        assertThat(r.sink.everything()).doesNotContain("IQoJb3JpZ2luX2VjEXAMPLETOKENVALUE1234567890abcdef");
    }

    @Test
    void aFailureOfTheConsumerIsNotQuarantinedButPropagates() {
        RecordSink failing = new CollectingSink() {
            @Override
            public void auditEvent(AuditEvent event) {
                throw new IllegalStateException("downstream failed");
            }
        };
        byte[] data = gzip(payload("DATA_MESSAGE", "/aws/eks/c1/cluster", auditEvent("a-1")));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CloudWatchSubscriptionRecord.read(data, SOURCE, null, failing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("downstream failed");
    }

    static byte[] gzipBytes(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
