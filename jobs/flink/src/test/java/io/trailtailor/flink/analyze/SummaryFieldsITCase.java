package io.trailtailor.flink.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.TestAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What {@code summary.json} says of records a log shipper rewrote, and of cluster snapshots given as a directory. */
@Timeout(180)
class SummaryFieldsITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    /** A CloudTrail record (FORMATS.md §1.2) without eventTime; {@code %s} holds each shipper's fields. */
    private static final String SHIPPED = "{%s\"eventVersion\":\"1.05\",\"userIdentity\":{\"type\":\"AssumedRole\","
            + "\"arn\":\"arn:aws:sts::111111111111:assumed-role/someRole/AutoScalingDescribeHandlerSession\","
            + "\"accountId\":\"111111111111\",\"accessKeyId\":\"ASIAEXAMPLE0000000%s\"},"
            + "\"eventSource\":\"autoscaling.amazonaws.com\",\"eventName\":\"DescribeLaunchConfigurations\","
            + "\"awsRegion\":\"eu-central-1\",\"sourceIPAddress\":\"config.amazonaws.com\","
            + "\"requestParameters\":null,\"responseElements\":null,\"eventID\":\"a0ed971f-389f-406a-9fcf-887c5ca690%s\","
            + "\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111111111111\"}";

    /** The IRSA mint of FORMATS.md §2.2 (c), completed as the documented responseElements shape has it. */
    private static final String IRSA_MINT = "{\"Records\":[{\"eventVersion\":\"1.11\",\"userIdentity\":{"
            + "\"type\":\"WebIdentityUser\",\"userName\":\"system:serviceaccount:kube-namespace:kube-sa\","
            + "\"identityProvider\":\"arn:aws:iam::012345678901:oidc-provider/" + ISSUER + "\"},"
            + "\"eventTime\":\"2026-04-14T21:05:31Z\",\"eventSource\":\"sts.amazonaws.com\","
            + "\"eventName\":\"AssumeRoleWithWebIdentity\",\"awsRegion\":\"us-west-2\",\"sourceIPAddress\":\"10.0.12.34\","
            + "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::012345678901:role/kube-sa-role\","
            + "\"roleSessionName\":\"1713128731000000000\"},\"responseElements\":{\"credentials\":{"
            + "\"accessKeyId\":\"ASIAIRSAEXAMPLE00001\",\"sessionToken\":\"<encoded>\","
            + "\"expiration\":\"Apr 14, 2026, 10:05:31 PM\"},"
            + "\"subjectFromWebIdentityToken\":\"system:serviceaccount:kube-namespace:kube-sa\","
            + "\"provider\":\"arn:aws:iam::012345678901:oidc-provider/" + ISSUER
            + "\",\"audience\":\"sts.amazonaws.com\"},"
            + "\"eventID\":\"11111111-0000-4000-8000-000000000001\",\"eventType\":\"AwsApiCall\","
            + "\"recipientAccountId\":\"012345678901\"}]}";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(2);

    @TempDir
    Path dir;

    @Test
    void countsTheRecordsThatTookTheirTimeFromAShipperField() throws Exception {
        Path trail = Files.createDirectories(dir.resolve("cloudtrail"));
        Files.writeString(
                trail.resolve("shipped.jsonl"),
                String.join(
                        "\n",
                        SHIPPED.formatted("\"@timestamp\":\"2017-12-11T15:01:51.000Z\",\"@version\":\"1\",", "1", "01"),
                        SHIPPED.formatted(
                                "\"timestamp\":\"2017-12-11T15:01:52Z\",\"source_type\":\"aws_s3\",", "2", "02"),
                        SHIPPED.formatted("\"_time\":\"2017-12-11T15:01:53.000+00:00\",", "3", "03"),
                        SHIPPED.formatted("\"date\":1513004514.5,", "4", "04"),
                        SHIPPED.formatted("\"@version\":\"1\",", "5", "05"),
                        SHIPPED.formatted("\"eventTime\":\"2017-12-11T15:01:56Z\",", "6", "06")));

        JsonNode input = summary(trail, List.of()).path("input");

        assertThat(input.path("cloudtrailRecords").asLong()).isEqualTo(5);
        assertThat(input.path("timeFromShipperField").asLong()).isEqualTo(4);
        assertThat(input.path("quarantinedRecords").asLong())
                .as("the record with no time at all")
                .isEqualTo(1);
    }

    @Test
    void readsADirectoryOfClusterSnapshotsAndReportsWhatElseItHeld() throws Exception {
        Path trail = Files.createDirectories(dir.resolve("cloudtrail"));
        Files.writeString(trail.resolve("mint.json"), IRSA_MINT);
        Path snapshots = Files.createDirectories(dir.resolve("snapshots"));
        Files.writeString(
                snapshots.resolve("prod-west.json"),
                "{\"cluster\":{\"name\":\"prod-west\",\"identity\":{\"oidc\":{\"issuer\":\"https://" + ISSUER
                        + "\"}},\"status\":\"ACTIVE\"}}");
        Files.writeString(snapshots.resolve("list-clusters.json"), "{\"clusters\":[\"prod-west\"]}");

        JsonNode clusters = summary(trail, List.of(snapshots.toString())).path("clusters");

        assertThat(clusters.path("snapshots").path("describeCluster").asInt()).isEqualTo(1);
        assertThat(clusters.path("snapshots").path("notDescribeCluster"))
                .containsExactly(JSON.getNodeFactory()
                        .textNode(snapshots.resolve("list-clusters.json").toString()));
        assertThat(clusters.path("issuers"))
                .containsExactly(JSON.readTree("{\"issuer\":\"" + ISSUER + "\",\"cluster\":\"prod-west\","
                        + "\"namedBy\":\"snapshot\",\"claims\":1,\"evidence\":[],\"reason\":\"named\"}"));
        assertThat(clusters.path("ambiguous")).isEmpty();
    }

    private JsonNode summary(Path trail, List<String> snapshots) throws Exception {
        Path out = dir.resolve("out");
        TestAnalysis.run(TestAnalysis.options(out, k -> {
            k.cloudTrail = List.of(trail.toString());
            k.clusterSnapshots = snapshots;
        }));
        return JSON.readTree(out.resolve("summary.json").toFile());
    }
}
