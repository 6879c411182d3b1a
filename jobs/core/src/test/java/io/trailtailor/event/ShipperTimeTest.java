package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShipperTimeTest {

    /**
     * The OTRF record of FORMATS.md §4 (shipped by Logstash) without its {@code eventTime}; {@code %s} is where each
     * shipper put its own fields.
     */
    private static final String RECORD = "{%s\"requestParameters\": {\"roleSessionName\": \"i-044b1baf4c96e1b62\","
            + " \"roleArn\": \"arn:aws:iam::123456789123:role/MordorLogCollectorStack-LogCollectorRole-1JJTG88NNY4KN\"},"
            + " \"userAgent\": \"ec2.amazonaws.com\", \"awsRegion\": \"us-east-1\", \"eventType\": \"AwsApiCall\","
            + " \"userIdentity\": {\"invokedBy\": \"ec2.amazonaws.com\", \"type\": \"AWSService\"},"
            + " \"recipientAccountId\": \"123456789123\", \"eventName\": \"AssumeRole\","
            + " \"sourceIPAddress\": \"ec2.amazonaws.com\", \"eventSource\": \"sts.amazonaws.com\","
            + " \"requestID\": \"b3949fc5-636b-46f0-a546-32b0aaf0eeb2\","
            + " \"eventID\": \"0f902c35-794c-4864-b2e0-3c4564b857b0\", \"eventVersion\": \"1.05\"}";

    private static final Instant AT = Instant.parse("2020-09-14T00:50:17Z");

    static Stream<Arguments> shippedRecords() {
        return Stream.of(
                Arguments.of(
                        "Logstash date filter with remove_field",
                        "\"@timestamp\": \"2020-09-14T00:50:17.000Z\", \"@version\": \"1\", ",
                        "@timestamp",
                        AT),
                Arguments.of(
                        "Elasticsearch document (Logstash or Fluent Bit es output)",
                        "\"@timestamp\": \"2020-09-14T00:50:17.000+00:00\", \"tags\": [\"cloudtrail\"], ",
                        "@timestamp",
                        AT),
                Arguments.of(
                        "Fluent Bit file/S3 output, json_date_format double (the default)",
                        "\"date\": 1600044617.25, ",
                        "date",
                        AT.plusMillis(250)),
                Arguments.of("Fluent Bit json_date_format epoch_ms", "\"date\": 1600044617000, ", "date", AT),
                Arguments.of(
                        "Fluent Bit json_date_format iso8601",
                        "\"date\": \"2020-09-14T00:50:17.000000Z\", ",
                        "date",
                        AT),
                Arguments.of(
                        "Fluent Bit json_date_format java_sql_timestamp",
                        "\"date\": \"2020-09-14 00:50:17.000000\", ",
                        "date",
                        AT),
                Arguments.of(
                        "Fluentd json formatter with include_time_key",
                        "\"time\": \"2020-09-14T00:50:17Z\", \"tag\": \"cloudtrail\", ",
                        "time",
                        AT),
                Arguments.of(
                        "Vector aws_s3 source with the json codec",
                        "\"timestamp\": \"2020-09-14T00:50:17.000Z\", \"source_type\": \"aws_s3\","
                                + " \"bucket\": \"trail\", ",
                        "timestamp",
                        AT),
                Arguments.of(
                        "Splunk search export",
                        "\"_time\": \"2020-09-14T00:50:17.000+00:00\", \"_raw\": \"...\", \"sourcetype\":"
                                + " \"aws:cloudtrail\", ",
                        "_time",
                        AT),
                Arguments.of(
                        "Splunk HEC time as text, epoch seconds with milliseconds",
                        "\"time\": \"1600044617.000\", \"sourcetype\": \"aws:cloudtrail\", ",
                        "time",
                        AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedRecords")
    void recordWithoutEventTimeTakesItsTimeFromTheShippersField(
            String shipper, String fields, String field, Instant expected) throws RejectedRecord {
        JsonNode record = Json.tree(RECORD.formatted(fields));
        assertThat(ShipperTime.of(record)).contains(new ShipperTime.Found(field, expected));

        assertThat(ShipperTime.restoreEventTime(record)).isTrue();
        ApiCall call = parse(record);

        assertThat(call.eventTime()).isEqualTo(expected);
        assertThat(call.eventName()).isEqualTo("AssumeRole");
    }

    @Test
    void eventTimeWinsOverAShippersIngestTime() throws RejectedRecord {
        JsonNode record = Json.tree(RECORD.formatted(
                "\"eventTime\": \"2020-09-14T00:50:17Z\", \"@timestamp\": \"2020-09-14T01:02:03.000Z\", "));

        assertThat(ShipperTime.restoreEventTime(record)).isFalse();
        assertThat(parse(record).eventTime()).isEqualTo(AT);
    }

    @Test
    void recordWithNoTimeAtAllIsStillRejected() {
        JsonNode noTime = Json.tree(RECORD.formatted("\"@version\": \"1\", "));
        JsonNode unreadable = Json.tree(RECORD.formatted("\"@timestamp\": \"last tuesday\", \"date\": true, "));

        assertThatThrownBy(() -> parse(noTime)).hasMessage("CloudTrail record without eventTime");
        assertThatThrownBy(() -> parse(unreadable)).hasMessage("CloudTrail record without eventTime");
        assertThat(ShipperTime.of(unreadable)).isEmpty();
    }

    @Test
    void anUnreadableEventTimeIsNotReplacedByTheShippers() {
        JsonNode record = Json.tree(RECORD.formatted(
                "\"eventTime\": \"yesterday at noon\", \"@timestamp\": \"2020-09-14T00:50:17.000Z\", "));

        assertThatThrownBy(() -> parse(record)).hasMessage("unparseable eventTime: yesterday at noon");
    }

    @Test
    void theLogReaderCountsRecordsThatTookTheirTimeFromAShipperField() {
        String lines = String.join(
                "\n",
                RECORD.formatted("\"@timestamp\": \"2020-09-14T00:50:17.000Z\", ")
                        .replace("0f902c35", "1f902c35"),
                RECORD.formatted("\"eventTime\": \"2020-09-14T00:50:17Z\", ").replace("0f902c35", "2f902c35"),
                RECORD.formatted("\"_time\": 1600044617, ").replace("0f902c35", "3f902c35"),
                RECORD.formatted("\"@version\": \"1\", ").replace("0f902c35", "4f902c35"));
        CollectingSink sink = new CollectingSink();

        FileReport report = new LogFileReader("shipped.jsonl", null, sink)
                .read(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));

        assertThat(report.recordsRead()).isEqualTo(4);
        assertThat(report.apiCalls()).isEqualTo(3);
        assertThat(report.quarantinedRecords()).isEqualTo(1);
        assertThat(report.timeFromShipperField()).isEqualTo(2);
        assertThat(sink.calls).extracting(ApiCall::eventTime).containsOnly(AT);
    }

    private static ApiCall parse(JsonNode record) throws RejectedRecord {
        return CloudTrailRecordParser.parse(record, record.toString().getBytes(StandardCharsets.UTF_8), "shipped.json");
    }
}
