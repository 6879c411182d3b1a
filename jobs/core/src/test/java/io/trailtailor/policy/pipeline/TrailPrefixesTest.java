package io.trailtailor.policy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.event.KeyFilter;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrailPrefixesTest {

    private static final S3Uri TRAIL = S3Uri.parse("s3://trail/logs");

    @Test
    void anUnfilteredSourceIsListedAndReadAsGiven() {
        BucketPrefixes p = TrailPrefixes.of(TRAIL, KeyFilter.ALL);

        assertThat(p.listPrefixes()).containsExactly("logs");
        assertThat(p.objectKeys()).containsExactly("logs*");
    }

    @Test
    void accountsAndRegionsNarrowTheWalkToTheirOwnPrefixes() {
        BucketPrefixes p =
                TrailPrefixes.of(TRAIL, new KeyFilter(null, null, Set.of("111122223333"), Set.of("eu-west-1")));

        assertThat(p.listPrefixes())
                .containsExactly(
                        "logs",
                        "logs/AWSLogs/",
                        "logs/AWSLogs/*111122223333/CloudTrail/",
                        "logs/AWSLogs/*111122223333/CloudTrail/eu-west-1/");
        assertThat(p.segmentPrefixes()).containsExactly("logs/AWSLogs/o-*/");
        assertThat(p.objectKeys()).containsExactly("logs/AWSLogs/*111122223333/CloudTrail/eu-west-1/*");
    }

    @Test
    void datesListEachDayUpToTheDayAfterToAndWholeMonthsOnce() {
        BucketPrefixes p = TrailPrefixes.of(
                S3Uri.parse("s3://trail"),
                new KeyFilter(LocalDate.parse("2026-10-30"), LocalDate.parse("2026-12-01"), Set.of(), Set.of()));

        assertThat(p.objectKeys())
                .containsExactly(
                        "AWSLogs/*/CloudTrail/*/2026/10/30/*",
                        "AWSLogs/*/CloudTrail/*/2026/10/31/*",
                        "AWSLogs/*/CloudTrail/*/2026/11/*",
                        "AWSLogs/*/CloudTrail/*/2026/12/01/*",
                        "AWSLogs/*/CloudTrail/*/2026/12/02/*");
        assertThat(p.listPrefixes()).startsWith("AWSLogs/", "AWSLogs/*/CloudTrail/");
    }

    @Test
    void aSourceBelowAwsLogsIsListedAsGiven() {
        BucketPrefixes p = TrailPrefixes.of(
                S3Uri.parse("s3://trail/AWSLogs/o-abc/111122223333/"),
                new KeyFilter(null, null, Set.of(), Set.of("us-east-1")));

        assertThat(p.listPrefixes()).isEqualTo(List.of("AWSLogs/o-abc/111122223333/"));
        assertThat(p.objectKeys()).isEqualTo(List.of("AWSLogs/o-abc/111122223333/*"));
    }
}
