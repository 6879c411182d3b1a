package io.trailtailor.flink.cli;

import static io.trailtailor.flink.cli.MonitorKillAndResumeITCase.eventIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.input.LoopbackS3;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.source.TrailFiles;
import io.trailtailor.flink.source.sqs.LoopbackSqs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor --sqs} as a user runs it, in its own JVM, with no listed input: CloudTrail objects put into an
 * s3proxy bucket are announced on a real SQS queue (ElasticMQ) the way S3 announces them (s3proxy sends no
 * notifications, so the test does), one of them twice, after the first delivery was deleted. The calls the watermark
 * passed are committed as Parquet while it runs; SIGTERM with {@code --drain} flushes the rest. Every eventId is then in
 * {@code parquet/api_calls} exactly once, each object was read once, and every message was deleted.
 */
@Timeout(90)
class MonitorSqsITCase {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String BUCKET = "trail";
    static final String DAY = "2026/11/03";

    @TempDir
    Path dir;

    static String s3Event(String key, String eTag) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",\
                "s3":{"bucket":{"name":"%s"},"object":{"key":"%s","size":1,"eTag":"%s"}}}]}""".formatted(BUCKET, key.replace("/", "%2F"), eTag);
    }

    @Test
    void readsNotifiedObjectsExactlyOnceAndDeletesEveryMessage() throws Exception {
        try (LoopbackS3 s3 = new LoopbackS3(dir.resolve("s3"));
                LoopbackSqs sqs = new LoopbackSqs()) {
            s3.createBucket(BUCKET);
            String queue = sqs.createQueue("trail-notifications");
            S3Settings settings = s3.settings();
            Path out = dir.resolve("out");
            List<String> args = List.of(
                    "--sqs",
                    queue,
                    "--sqs-endpoint",
                    sqs.endpoint(),
                    "--s3-endpoint",
                    settings.endpoint(),
                    "--s3-path-style",
                    "--s3-region",
                    settings.region(),
                    "--out",
                    out.toString(),
                    "--checkpoints",
                    dir.resolve("checkpoints").toString(),
                    "--checkpoint-interval",
                    "1s",
                    "--discovery-interval",
                    "300ms",
                    "--parallelism",
                    "1",
                    "--drain");
            Map<String, String> environment = Map.of(
                    // s3proxy's throwaway keys as the CLI takes test keys; ElasticMQ's through the default chain
                    "TRAILTAILOR_S3_TEST_ACCESS_KEY",
                    settings.testAccessKey(),
                    "TRAILTAILOR_S3_TEST_SECRET_KEY",
                    settings.testSecretKey(),
                    "AWS_ACCESS_KEY_ID",
                    "AKIDLOOPBACKSQS",
                    "AWS_SECRET_ACCESS_KEY",
                    "loopback-sqs-secret");

            List<String> expected = new ArrayList<>();
            try (MonitorProcess monitor = MonitorProcess.start(args, environment, dir, dir.resolve("monitor.log"))) {
                List<String> a = TrailFiles.ids("a", 60);
                List<String> b = TrailFiles.ids("b", 90);
                String keyA = TrailFiles.key(DAY, "20261103T1000Z_a");
                String keyB = TrailFiles.key(DAY, "20261103T1005Z_b");
                s3.put(BUCKET, keyA, TrailFiles.gz(a, Instant.parse("2026-11-03T10:00:00Z")));
                s3.put(BUCKET, keyB, TrailFiles.gz(b, Instant.parse("2026-11-03T10:05:00Z")));
                sqs.send(queue, "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"trail\"}");
                sqs.send(queue, s3Event(keyA, "ea"));
                sqs.send(queue, s3Event(keyB, "eb"));
                expected.addAll(a);
                expected.addAll(b);
                monitor.await(
                        "both objects read and their messages deleted after a checkpoint",
                        WAIT,
                        () -> cloudTrail(out, "records") == expected.size() && sqs.undeleted(queue) == 0);

                // S3 delivers at least once: the same notification again, then a newer object
                sqs.send(queue, s3Event(keyA, "ea"));
                List<String> c = TrailFiles.ids("c", 40);
                String keyC = TrailFiles.key(DAY, "20261103T1100Z_c");
                s3.put(BUCKET, keyC, TrailFiles.gz(c, Instant.parse("2026-11-03T11:00:00Z")));
                sqs.send(queue, s3Event(keyC, "ec"));
                expected.addAll(c);
                // c's calls move the watermark past a and b (max delay 15 m): committed while it runs
                monitor.await(
                        "the calls of a and b as Parquet while running",
                        WAIT,
                        () -> new HashSet<>(eventIds(out)).containsAll(a)
                                && new HashSet<>(eventIds(out)).containsAll(b));
                monitor.await(
                        "every object read and every message deleted",
                        WAIT,
                        () -> cloudTrail(out, "records") >= expected.size() && sqs.undeleted(queue) == 0);
                monitor.stopAndExpectZero(WAIT);
                assertThat(monitor.log()).contains("drained and stopped");
            }

            assertThat(eventIds(out)).as("every eventId exactly once").hasSameSizeAs(expected);
            assertThat(eventIds(out)).containsExactlyInAnyOrderElementsOf(expected);
            JsonNode status = JSON.readTree(out.resolve("status.json").toFile());
            assertThat(status.path("state").asText()).isEqualTo("drained");
            assertThat(status.path("sources").path("cloudtrail").path("files").asLong())
                    .as("the object notified twice was read once")
                    .isEqualTo(3);
            assertThat(status.path("sources").path("cloudtrail").path("records").asLong())
                    .isEqualTo(expected.size());
            assertThat(sqs.undeleted(queue)).as("every message deleted").isZero();
        }
    }

    /** {@code sources.cloudtrail.<field>} of status.json, -1 before it is written. */
    static long cloudTrail(Path out, String field) {
        try {
            Path status = out.resolve("status.json");
            return Files.isRegularFile(status)
                    ? JSON.readTree(status.toFile())
                            .path("sources")
                            .path("cloudtrail")
                            .path(field)
                            .asLong(-1)
                    : -1;
        } catch (IOException e) {
            return -1; // being replaced at this moment: asked again at the next poll
        }
    }
}
