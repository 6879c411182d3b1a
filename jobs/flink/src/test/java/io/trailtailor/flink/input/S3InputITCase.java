package io.trailtailor.flink.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.TestInputs;
import io.trailtailor.flink.analyze.Summary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class S3InputITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(2);

    @TempDir
    static Path dir;

    static LoopbackS3 s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new LoopbackS3(dir.resolve("s3"));
        s3.createBucket("trail-bucket");
        TestInputs.writeMixed(dir.resolve("mixed"));
        s3.putTree("trail-bucket", "mixed/", dir.resolve("mixed"));
        // an organization trail over two accounts, two regions and three delivery days
        byte[] trailFile = TestInputs.gzip(TestInputs.fixture("cloudtrail-array.json"));
        for (String account : List.of("111111111111", "222222222222")) {
            for (String region : List.of("us-east-1", "eu-west-1")) {
                for (String day : List.of("2024/04/15", "2024/04/16", "2024/04/18")) {
                    s3.put(
                            "trail-bucket",
                            "org/AWSLogs/o-abcd1234ef/" + account + "/CloudTrail/" + region + "/" + day + "/" + account
                                    + "_CloudTrail_" + region + "_" + day.replace("/", "") + "T0000Z_x.json.gz",
                            trailFile);
                }
            }
        }
        s3.put(
                "trail-bucket",
                "org/AWSLogs/o-abcd1234ef/111111111111/CloudTrail-Digest/us-east-1/2024/04/16/d.json.gz",
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static Summary analyze(List<String> cloudTrail, List<String> audit, KeyFilter filter, Path out)
            throws Exception {
        return TestAnalysis.run(TestAnalysis.options(out, k -> {
                    k.cloudTrail = cloudTrail;
                    k.k8sAudit = audit;
                    k.filter = filter;
                    k.s3 = s3.settings();
                }))
                .summary();
    }

    @Test
    void readsEveryLayoutFromS3AsFromLocalFiles() throws Exception {
        TestInputs.Expected expected = TestInputs.writeMixed(dir.resolve("again"));

        Summary summary = analyze(
                List.of("s3://trail-bucket/mixed/cloudtrail"),
                List.of("prod-east=s3://trail-bucket/mixed/audit/apiserver", "s3://trail-bucket/mixed/audit/firehose"),
                KeyFilter.ALL,
                dir.resolve("out-mixed"));

        assertThat(summary.input("cloudtrailFiles")).isEqualTo(expected.cloudtrailFiles());
        assertThat(summary.input("cloudtrailRecords")).isEqualTo(expected.cloudtrailRecords());
        assertThat(summary.input("auditEvents")).isEqualTo(expected.auditEvents());
        assertThat(summary.input("duplicates")).isEqualTo(expected.duplicates());
        assertThat(summary.input("quarantined")).isEqualTo(expected.quarantined());
        assertThat(summary.input("skippedFiles")).isEqualTo(expected.skippedFiles());
    }

    @Test
    void prunesTheKeyLayoutByAccountRegionAndDeliveryDay() throws Exception {
        KeyFilter filter = new KeyFilter(
                LocalDate.parse("2024-04-15"),
                LocalDate.parse("2024-04-16"),
                Set.of("222222222222"),
                Set.of("eu-west-1"));

        InputLister.Listing listing = new InputLister(filter, s3.settings())
                .list(List.of(InputLister.Source.cloudTrail("s3://trail-bucket/org")));

        assertThat(listing.files())
                .extracting(f -> f.uri)
                .containsExactly(
                        "s3://trail-bucket/org/AWSLogs/o-abcd1234ef/222222222222/CloudTrail/eu-west-1/2024/04/15/"
                                + "222222222222_CloudTrail_eu-west-1_20240415T0000Z_x.json.gz",
                        "s3://trail-bucket/org/AWSLogs/o-abcd1234ef/222222222222/CloudTrail/eu-west-1/2024/04/16/"
                                + "222222222222_CloudTrail_eu-west-1_20240416T0000Z_x.json.gz");

        Summary summary = analyze(List.of("s3://trail-bucket/org"), List.of(), filter, dir.resolve("out-pruned"));
        assertThat(summary.input("cloudtrailFiles")).isEqualTo(2);
        assertThat(summary.input("cloudtrailRecords")).isEqualTo(2);
        assertThat(summary.input("duplicates")).isEqualTo(2);
    }

    @Test
    void namesAMissingBucketOrPrefixAsUnavailableInput() {
        InputLister lister = new InputLister(KeyFilter.ALL, s3.settings());

        assertThatThrownBy(() -> lister.list(List.of(InputLister.Source.cloudTrail("s3://no-such-bucket/x"))))
                .isInstanceOf(InputLister.InputUnavailable.class)
                .hasMessage("no such bucket: no-such-bucket");
        assertThatThrownBy(() -> lister.list(List.of(InputLister.Source.cloudTrail("s3://trail-bucket/nothing-here/"))))
                .isInstanceOf(InputLister.InputUnavailable.class)
                .hasMessage("input not found: s3://trail-bucket/nothing-here/");
    }
}
