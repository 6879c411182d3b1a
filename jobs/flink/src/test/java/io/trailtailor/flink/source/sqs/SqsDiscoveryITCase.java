package io.trailtailor.flink.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.InputFile.Kind;
import io.trailtailor.flink.source.sqs.NotificationRoutes.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SqsDiscovery} against a real SQS API on loopback (ElasticMQ): duplicate deliveries return a file once,
 * nothing is deleted before the checkpoint that covers it completes, and a discovery thrown away before its
 * checkpoint completed ("killed") is redelivered its messages after a restore yet returns each file once overall.
 */
@Timeout(60)
class SqsDiscoveryITCase {

    private static final Duration VISIBILITY = Duration.ofSeconds(2);
    private static final NotificationRoutes ROUTES = new NotificationRoutes(List.of(
            Route.of("s3://trail/AWSLogs/", Kind.CLOUDTRAIL, null),
            Route.of("s3://trail/eks/prod/", Kind.AUDIT, "prod")));

    private static LoopbackSqs sqs;

    @BeforeAll
    static void start() throws Exception {
        sqs = new LoopbackSqs();
    }

    @AfterAll
    static void stop() {
        if (sqs != null) {
            sqs.close();
        }
    }

    private static String created(String key, String eTag) {
        return S3NotificationParserTest.s3Event("ObjectCreated:Put", "trail", key, 10, eTag);
    }

    private static InputFile trail(String key) {
        return new InputFile("s3://trail/" + key, 10, Kind.CLOUDTRAIL, null);
    }

    /** Polls until {@code done} holds of the counters (bounded), collecting every file returned. */
    private static List<InputFile> pollUntil(SqsDiscovery discovery, Predicate<SqsCounters> done) throws Exception {
        List<InputFile> files = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.test(discovery.counters())) {
            assertThat(System.nanoTime())
                    .as("polled 20 s without getting there")
                    .isLessThan(deadline);
            files.addAll(discovery.poll());
        }
        return files;
    }

    @Test
    void duplicateDeliveriesAndBadMessagesYieldEachFileOnceAndAreCounted() throws Exception {
        String queue = sqs.createQueue("duplicates");
        sqs.send(queue, created("AWSLogs/1/a.json.gz", "e1"));
        sqs.send(queue, created("AWSLogs/1/a.json.gz", "e1")); // S3's own duplicate notification
        sqs.send(queue, created("eks/prod/audit+1.json", "e2"));
        sqs.send(queue, "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"trail\"}");
        String bad = sqs.send(queue, "this is not a notification");
        sqs.send(queue, created("elsewhere/x.json", "e3"));

        try (SqsDiscovery discovery = new SqsDiscovery(sqs.settings(queue, VISIBILITY), ROUTES)) {
            List<InputFile> files = pollUntil(discovery, c -> c.messagesReceived == 6);

            assertThat(files)
                    .containsExactlyInAnyOrder(
                            trail("AWSLogs/1/a.json.gz"),
                            new InputFile("s3://trail/eks/prod/audit 1.json", 10, Kind.AUDIT, "prod"));
            SqsCounters c = discovery.counters();
            assertThat(c.filesReturned).isEqualTo(2);
            assertThat(c.duplicateObjects).isEqualTo(1);
            assertThat(c.ignoredMessages).isEqualTo(1);
            assertThat(c.malformedMessages).isEqualTo(1);
            assertThat(c.outsidePrefixes).isEqualTo(1);
            assertThat(discovery.drainQuarantined())
                    .containsExactly(new SqsQuarantined(
                            queue,
                            bad,
                            "not JSON: Unrecognized token 'this': was expecting (JSON String, Number,"
                                    + " Array, Object or token 'null', 'true' or 'false')"));
            assertThat(discovery.drainQuarantined()).isEmpty();

            // the bad message and the test event are deleted with the rest, once their checkpoint completes
            discovery.snapshot(1);
            assertThat(sqs.undeleted(queue)).isEqualTo(6);
            discovery.checkpointComplete(1);
            assertThat(discovery.counters().messagesDeleted).isEqualTo(6);
            assertThat(sqs.undeleted(queue)).isZero();
        }
    }

    @Test
    void messagesAreDeletedOnlyWhenTheCheckpointCoveringThemCompletes() throws Exception {
        String queue = sqs.createQueue("deletes");
        String m1 = created("AWSLogs/1/one.json.gz", "a");
        String m2 = created("AWSLogs/1/two.json.gz", "b");
        String m3 = created("AWSLogs/1/three.json.gz", "c");
        sqs.send(queue, m1);
        sqs.send(queue, m2);

        try (SqsDiscovery discovery = new SqsDiscovery(sqs.settings(queue, VISIBILITY), ROUTES)) {
            assertThat(pollUntil(discovery, c -> c.messagesReceived == 2))
                    .containsExactlyInAnyOrder(trail("AWSLogs/1/one.json.gz"), trail("AWSLogs/1/two.json.gz"));
            discovery.snapshot(1);
            sqs.send(queue, m3);
            assertThat(pollUntil(discovery, c -> c.messagesReceived == 3))
                    .containsExactly(trail("AWSLogs/1/three.json.gz"));
            assertThat(discovery.awaitingDelete()).isEqualTo(3);
            assertThat(sqs.undeleted(queue)).isEqualTo(3);

            discovery.checkpointComplete(1);

            // checkpoint 1 covered m1 and m2 only: m3 comes back once its visibility runs out
            assertThat(discovery.counters().messagesDeleted).isEqualTo(2);
            assertThat(discovery.awaitingDelete()).isEqualTo(1);
            assertThat(sqs.undeleted(queue)).isEqualTo(1);
            List<InputFile> again = pollUntil(discovery, c -> c.messagesReceived == 4);
            assertThat(again).isEmpty();
            assertThat(discovery.counters().duplicateObjects).isEqualTo(1);

            discovery.snapshot(2);
            discovery.checkpointComplete(2);
            assertThat(sqs.undeleted(queue)).isZero();
        }
    }

    @Test
    void aKillBeforeTheCheckpointRedeliversButEachFileIsReturnedOnce() throws Exception {
        String queue = sqs.createQueue("kill");
        sqs.send(queue, created("AWSLogs/1/f1.json.gz", "1"));
        sqs.send(queue, created("AWSLogs/1/f2.json.gz", "2"));
        List<InputFile> covered = new ArrayList<>();

        SqsDiscovery first = new SqsDiscovery(sqs.settings(queue, VISIBILITY), ROUTES);
        covered.addAll(pollUntil(first, c -> c.messagesReceived == 2));
        byte[] checkpoint1 = first.snapshot(1);
        sqs.send(queue, created("AWSLogs/1/f3.json.gz", "3"));
        // returned after checkpoint 1, so lost with the instance: the restored job must return it again
        assertThat(pollUntil(first, c -> c.messagesReceived == 3)).containsExactly(trail("AWSLogs/1/f3.json.gz"));
        first.close(); // killed: checkpoint 1 never reported complete, nothing deleted
        assertThat(sqs.undeleted(queue)).isEqualTo(3);

        SqsDiscovery restored = new SqsDiscovery(sqs.settings(queue, VISIBILITY), ROUTES);
        restored.restore(checkpoint1);
        covered.addAll(pollUntil(restored, c -> c.messagesReceived == 3));

        assertThat(restored.counters().duplicateObjects).isEqualTo(2);
        assertThat(covered)
                .containsExactlyInAnyOrder(
                        trail("AWSLogs/1/f1.json.gz"), trail("AWSLogs/1/f2.json.gz"), trail("AWSLogs/1/f3.json.gz"));
        restored.snapshot(2);
        restored.checkpointComplete(2);
        assertThat(restored.counters().messagesDeleted).isEqualTo(3);
        assertThat(sqs.undeleted(queue)).isZero();
        restored.close();
    }

    @Test
    void oneReceiveFetchesABoundedBatch() throws Exception {
        String queue = sqs.createQueue("bounded");
        for (int i = 0; i < 25; i++) {
            sqs.send(queue, created("AWSLogs/1/b" + i + ".json.gz", "e" + i));
        }
        SqsSettings oneReceiveOfFive = new SqsSettings(
                queue,
                "us-east-1",
                sqs.endpoint(),
                "AKIDLOOPBACKSQS",
                "loopback-sqs-secret",
                Duration.ZERO,
                5,
                1,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        try (SqsDiscovery discovery = new SqsDiscovery(oneReceiveOfFive, ROUTES)) {
            List<InputFile> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (all.size() < 25) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                List<InputFile> batch = discovery.poll();
                assertThat(batch.size()).isLessThanOrEqualTo(5);
                all.addAll(batch);
            }
            assertThat(all).doesNotHaveDuplicates().hasSize(25);
        }
    }
}
