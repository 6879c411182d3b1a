package io.trailtailor.flink.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.source.sqs.ParsedNotification.Outcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each notification shape an SQS queue can carry, and what is read from it (exact objects, exact reasons). */
class S3NotificationParserTest {

    private static final String KEY =
            "AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/01/111122223333_CloudTrail_us-east-1_20261201T0005Z_a1.json.gz";

    private final S3NotificationParser parser = new S3NotificationParser();

    static String s3Event(String eventName, String bucket, String encodedKey, long size, String eTag) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",\
                "eventTime":"2026-12-01T00:05:10.000Z","eventName":"%s",\
                "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},\
                "object":{"key":"%s","size":%d,"eTag":"%s","sequencer":"0062E99A88DC407460"}}}]}""".formatted(eventName, bucket, bucket, encodedKey, size, eTag);
    }

    static String sns(String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        return """
                {"Type":"Notification","MessageId":"5b3f","TopicArn":"arn:aws:sns:us-east-1:111122223333:trail",\
                "Subject":"Amazon S3 Notification","Message":"%s","Timestamp":"2026-12-01T00:05:11.000Z"}""".formatted(escaped);
    }

    static Stream<Arguments> readable() {
        String cloudTrail = "{\"s3Bucket\":\"trail-bucket\",\"s3ObjectKey\":[\"" + KEY + "\",\"AWSLogs/a+b.json.gz\"]}";
        return Stream.of(
                Arguments.of(
                        "S3 event, key with %2F escapes",
                        s3Event("ObjectCreated:Put", "trail-bucket", KEY.replace("/", "%2F"), 1234, "d41d8cd9"),
                        List.of(new NotifiedObject("trail-bucket", KEY, 1234, "d41d8cd9"))),
                Arguments.of(
                        "S3 event, '+' is a space and %3D an equals sign",
                        s3Event("ObjectCreated:CompleteMultipartUpload", "b", "eks/prod/my+file%3D1.json", 7, "e1"),
                        List.of(new NotifiedObject("b", "eks/prod/my file=1.json", 7, "e1"))),
                Arguments.of(
                        "S3 event inside an SNS envelope",
                        sns(s3Event("ObjectCreated:Put", "trail-bucket", KEY, 99, "abc")),
                        List.of(new NotifiedObject("trail-bucket", KEY, 99, "abc"))),
                Arguments.of(
                        "CloudTrail's own notification: keys as they are, no size or ETag",
                        cloudTrail,
                        List.of(
                                new NotifiedObject("trail-bucket", KEY, -1, null),
                                new NotifiedObject("trail-bucket", "AWSLogs/a+b.json.gz", -1, null))),
                Arguments.of(
                        "CloudTrail's notification through SNS",
                        sns(cloudTrail),
                        List.of(
                                new NotifiedObject("trail-bucket", KEY, -1, null),
                                new NotifiedObject("trail-bucket", "AWSLogs/a+b.json.gz", -1, null))),
                Arguments.of(
                        "EventBridge Object Created, quoted etag",
                        """
                        {"version":"0","detail-type":"Object Created","source":"aws.s3",\
                        "detail":{"bucket":{"name":"b"},"object":{"key":"x/y.json","size":5,"etag":"\\"q1\\""}}}""",
                        List.of(new NotifiedObject("b", "x/y.json", 5, "q1"))),
                Arguments.of(
                        "two records, the removal among them skipped",
                        """
                        {"Records":[{"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},\
                        "object":{"key":"gone"}}},{"eventName":"ObjectCreated:Copy","s3":{"bucket":{"name":"b"},\
                        "object":{"key":"new","size":3,"eTag":"e"}}}]}""",
                        List.of(new NotifiedObject("b", "new", 3, "e"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void readsTheObjectsANotificationNames(String name, String body, List<NotifiedObject> expected) {
        ParsedNotification parsed = parser.parse(body);

        assertThat(parsed.outcome()).isEqualTo(Outcome.OBJECTS);
        assertThat(parsed.objects()).containsExactlyElementsOf(expected);
        assertThat(parsed.reason()).isNull();
    }

    static Stream<Arguments> notReadable() {
        return Stream.of(
                Arguments.of("""
                        {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-01T00:00:00.000Z",\
                        "Bucket":"trail-bucket","RequestId":"R","HostId":"H"}""", Outcome.IGNORED, "s3:TestEvent"),
                Arguments.of(
                        sns("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}"), Outcome.IGNORED, "s3:TestEvent"),
                Arguments.of(
                        s3Event("ObjectRemoved:Delete", "b", "k", 0, "e"), Outcome.IGNORED, "no ObjectCreated record"),
                Arguments.of(
                        "{\"detail-type\":\"Object Deleted\",\"source\":\"aws.s3\",\"detail\":{}}",
                        Outcome.IGNORED,
                        "EventBridge Object Deleted"),
                Arguments.of("", Outcome.MALFORMED, "empty message body"),
                Arguments.of("[1,2]", Outcome.MALFORMED, "not a JSON object"),
                Arguments.of("{\"Records\":[]}", Outcome.MALFORMED, "Records is empty"),
                Arguments.of("{\"Records\":{}}", Outcome.MALFORMED, "Records is not an array"),
                Arguments.of(
                        "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},"
                                + "\"object\":{\"size\":1}}}]}",
                        Outcome.MALFORMED,
                        "no Records[].s3.object.key"),
                Arguments.of(
                        s3Event("ObjectCreated:Put", "b", "bad%zzkey", 1, "e"),
                        Outcome.MALFORMED,
                        "object key is not URL-encoded: URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: \"zz\""),
                Arguments.of(
                        "{\"s3Bucket\":\"b\",\"s3ObjectKey\":[]}",
                        Outcome.MALFORMED,
                        "s3ObjectKey is not a non-empty array"),
                Arguments.of("{\"s3ObjectKey\":[\"k\"]}", Outcome.MALFORMED, "no s3Bucket"),
                Arguments.of(
                        "{\"Type\":\"Notification\",\"Message\":\"not json\"}",
                        Outcome.MALFORMED,
                        "SNS Message is not JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of(
                        "{\"hello\":\"world\"}",
                        Outcome.MALFORMED,
                        "neither an S3 event notification nor a CloudTrail notification"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("notReadable")
    void namesNoObjectAndSaysWhy(String body, Outcome outcome, String reason) {
        ParsedNotification parsed = parser.parse(body);

        assertThat(parsed.outcome()).isEqualTo(outcome);
        assertThat(parsed.objects()).isEmpty();
        assertThat(parsed.reason()).isEqualTo(reason);
    }

    @Test
    void brokenJsonIsMalformedNotAnException() {
        ParsedNotification parsed = parser.parse("{\"Records\":[");

        assertThat(parsed.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(parsed.reason()).startsWith("not JSON: ");
    }

    @Test
    void dedupKeyIsTheObjectVersion() {
        assertThat(new NotifiedObject("b", "k", 1, "e1").dedupKey()).isEqualTo("s3://b/k#e1");
        assertThat(new NotifiedObject("b", "k", -1, null).dedupKey()).isEqualTo("s3://b/k");
    }
}
