package io.trailtailor.flink.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.InputFile.Kind;
import io.trailtailor.flink.source.sqs.NotificationRoutes.Route;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which command-line prefix, and so which kind and cluster, a notified object falls under. */
class NotificationRoutesTest {

    private final NotificationRoutes routes = new NotificationRoutes(List.of(
            Route.of("s3://logs/", Kind.CLOUDTRAIL, null),
            Route.of("s3://logs/eks/prod/", Kind.AUDIT, "prod"),
            Route.of("s3://other/eks/", Kind.AUDIT, "dev")));

    @Test
    void theLongestPrefixDecides() {
        assertThat(routes.route(new NotifiedObject("logs", "eks/prod/a.json", 5, "e")))
                .contains(new InputFile("s3://logs/eks/prod/a.json", 5, Kind.AUDIT, "prod"));
        assertThat(routes.route(new NotifiedObject("logs", "AWSLogs/1/x.json.gz", -1, null)))
                .contains(new InputFile("s3://logs/AWSLogs/1/x.json.gz", -1, Kind.CLOUDTRAIL, null));
        assertThat(routes.route(new NotifiedObject("other", "eks/b.json", 1, null)))
                .contains(new InputFile("s3://other/eks/b.json", 1, Kind.AUDIT, "dev"));
    }

    @Test
    void anObjectOutsideEveryPrefixIsNotRead() {
        assertThat(routes.route(new NotifiedObject("other", "AWSLogs/x.json.gz", 1, null)))
                .isEmpty();
        assertThat(routes.route(new NotifiedObject("third", "eks/prod/a.json", 1, null)))
                .isEmpty();
    }

    @Test
    void withoutPrefixesEverythingIsCloudTrail() {
        assertThat(NotificationRoutes.allCloudTrail().route(new NotifiedObject("any", "k", 2, null)))
                .contains(new InputFile("s3://any/k", 2, Kind.CLOUDTRAIL, null));
    }

    @Test
    void cloudTrailObjectsAreHeldToTheAccountRegionAndDayFilters() throws Exception {
        NotificationRoutes filtered = new NotificationRoutes(
                List.of(Route.of("s3://logs/", Kind.CLOUDTRAIL, null), Route.of("s3://logs/eks/", Kind.AUDIT, "p")),
                new KeyFilter(
                        LocalDate.parse("2026-11-01"),
                        LocalDate.parse("2026-11-02"),
                        Set.of("111122223333"),
                        Set.of("us-east-1")));
        String day = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/0%d/f.json.gz";
        assertThat(prunes(filtered, day.formatted(1))).isFalse();
        assertThat(prunes(filtered, day.formatted(3))).isFalse(); // delivered the day after --to: may hold its events
        assertThat(prunes(filtered, day.formatted(4))).isTrue();
        assertThat(prunes(filtered, "AWSLogs/444455556666/CloudTrail/us-east-1/2026/11/01/f.json.gz"))
                .isTrue();
        assertThat(prunes(filtered, "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/01/f.json.gz"))
                .isTrue();
        assertThat(prunes(filtered, "AWSLogs/o-abc/111122223333/CloudTrail/us-east-1/2026/11/02/f.json.gz"))
                .isFalse();
        assertThat(prunes(filtered, "exports/f.json.gz")).isFalse(); // outside the layout: never pruned
        assertThat(prunes(filtered, "eks/2026/10/01/audit.json")).isFalse(); // audit: not a CloudTrail key
        assertThat(prunes(routes, "AWSLogs/444455556666/CloudTrail/us-east-1/2020/01/01/f.json.gz"))
                .isFalse(); // no filters given

        // the routes travel with the job
        var bytes = new java.io.ByteArrayOutputStream();
        new java.io.ObjectOutputStream(bytes).writeObject(filtered);
        var copy = (NotificationRoutes)
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertThat(prunes(copy, day.formatted(4))).isTrue();
    }

    private static boolean prunes(NotificationRoutes routes, String key) {
        return routes.prunes(
                routes.route(new NotifiedObject("logs", key, 1, null)).orElseThrow());
    }

    @Test
    void theDedupWindowForgetsTheOldestAndSurvivesASnapshot() throws Exception {
        RecentObjects recent = new RecentObjects(2);
        assertThat(recent.add("a")).isTrue();
        assertThat(recent.add("b")).isTrue();
        assertThat(recent.add("a")).isFalse();
        assertThat(recent.add("c")).isTrue(); // evicts a
        assertThat(recent.size()).isEqualTo(2);

        var bytes = new java.io.ByteArrayOutputStream();
        recent.write(new java.io.DataOutputStream(bytes));
        RecentObjects restored = new RecentObjects(2);
        restored.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.add("b")).isFalse();
        assertThat(restored.add("c")).isFalse();
        assertThat(restored.add("a")).isTrue();
    }
}
