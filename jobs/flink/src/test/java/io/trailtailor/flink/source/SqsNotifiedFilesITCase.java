package io.trailtailor.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.flink.OutputTables;
import io.trailtailor.flink.input.InputFile.Kind;
import io.trailtailor.flink.input.LoopbackS3;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.source.sqs.LoopbackSqs;
import io.trailtailor.flink.source.sqs.NotificationRoutes;
import io.trailtailor.flink.source.sqs.NotificationRoutes.Route;
import io.trailtailor.flink.source.sqs.SqsDiscovery;
import io.trailtailor.flink.stream.EventTime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor --sqs} end to end: objects put into an s3proxy bucket are announced on a real SQS queue (ElasticMQ)
 * the way S3 and CloudTrail announce them (URL-encoded S3 events, CloudTrail's SNS notification, a test event, a
 * duplicate notification), and a STREAMING job with checkpoints every 500 ms reads them through a continuous
 * {@link LogFileSource} over an {@link SqsDiscovery}, with a task failure in the middle of the large file. Every
 * event id is in the checkpoint-committed {@link FileSink} exactly once, and every message is deleted in the end.
 * (s3proxy has no bucket notifications, so the test sends what S3 would.)
 */
class SqsNotifiedFilesITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final String DAY = "2026/11/03";
    private static final Instant EVENTS = Instant.parse("2026-11-03T10:00:00Z");
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @TempDir
    Path tmp;

    private static String s3Event(String key, String eTag) {
        String encoded = key.replace("/", "%2F");
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",\
                "s3":{"bucket":{"name":"trail"},"object":{"key":"%s","size":1,"eTag":"%s"}}}]}""".formatted(encoded, eTag);
    }

    private static String cloudTrailViaSns(String key) {
        return """
                {"Type":"Notification","MessageId":"m","TopicArn":"arn:aws:sns:us-east-1:111122223333:trail",\
                "Message":"{\\"s3Bucket\\":\\"trail\\",\\"s3ObjectKey\\":[\\"%s\\"]}"}""".formatted(key);
    }

    @Test
    void notifiedObjectsAreReadExactlyOnceAndTheirMessagesDeleted() throws Exception {
        FAILED.set(false);
        try (LoopbackS3 s3 = new LoopbackS3(tmp.resolve("s3"));
                LoopbackSqs sqs = new LoopbackSqs()) {
            s3.createBucket("trail");
            String queue = sqs.createQueue("trail-notifications");
            SqsDiscovery discovery = new SqsDiscovery(
                    sqs.settings(queue, Duration.ofSeconds(5)),
                    new NotificationRoutes(List.of(Route.of("s3://trail/AWSLogs/", Kind.CLOUDTRAIL, null))));
            Path out = tmp.resolve("out");
            JobClient job = start(discovery, s3.settings(), out);
            try {
                List<String> expected = new ArrayList<>();
                sqs.send(queue, "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"trail\"}");
                List<String> a = TrailFiles.ids("a", 100);
                String keyA = TrailFiles.key(DAY, "20261103T1000Z_a");
                s3.put("trail", keyA, TrailFiles.gz(a, EVENTS));
                sqs.send(queue, s3Event(keyA, "ea"));
                List<String> b = TrailFiles.ids("b", 200);
                String keyB = TrailFiles.key(DAY, "20261103T1005Z_b");
                s3.put("trail", keyB, TrailFiles.gz(b, EVENTS));
                sqs.send(queue, cloudTrailViaSns(keyB));
                sqs.send(queue, s3Event(keyA, "ea")); // S3 notified twice
                expected.addAll(a);
                expected.addAll(b);
                awaitCommitted(out, expected.size());

                List<String> d = TrailFiles.ids("d", 4000);
                String keyD = TrailFiles.key(DAY, "20261103T1015Z_d");
                s3.put("trail", keyD, TrailFiles.gz(d, EVENTS));
                sqs.send(queue, s3Event(keyD, "ed"));
                expected.addAll(d);
                awaitCommitted(out, expected.size());

                assertThat(FAILED).as("the injected failure happened").isTrue();
                List<String> committed = committed(out);
                assertThat(committed).hasSize(expected.size());
                assertThat(committed).containsExactlyInAnyOrderElementsOf(expected);
                awaitDeleted(sqs, queue);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static JobClient start(SqsDiscovery discovery, S3Settings s3, Path out) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(conf);
        env.setParallelism(2);
        env.enableCheckpointing(500, CheckpointingMode.EXACTLY_ONCE);
        var streams = LogFileSources.streams(
                env,
                LogFileSource.continuous(discovery, Duration.ofMillis(300), s3),
                new EventTime(Duration.ofMinutes(15), Duration.ofSeconds(5)),
                "sqs-notified-files");
        streams.apiCalls()
                .map(new FailOnceMidFile())
                .returns(Types.STRING)
                .name("fail once")
                .uid("fail-once")
                .sinkTo(FileSink.forRowFormat(
                                new org.apache.flink.core.fs.Path(out.toUri()), new SimpleStringEncoder<String>())
                        .withRollingPolicy(OnCheckpointRollingPolicy.build())
                        .build())
                .name("event ids")
                .uid("event-ids");
        return env.executeAsync("sqs notified files");
    }

    /**
     * Passes ids on; fails the task once inside the large file, after a checkpoint of this run completed (the small
     * files before it are committed, so one has; waiting for one inside the file made the failure depend on timing).
     */
    static final class FailOnceMidFile extends RichMapFunction<ApiCallRow, String> implements CheckpointListener {
        private transient long largeFileRecords;
        private transient boolean checkpointed;

        @Override
        public void open(OpenContext context) {
            largeFileRecords = 0;
            checkpointed = false;
        }

        @Override
        public String map(ApiCallRow call) throws Exception {
            String id = call.getEventId();
            if (id.startsWith("d-")) {
                largeFileRecords++;
                Thread.sleep(1);
                if (largeFileRecords >= 1500 && checkpointed && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure in the middle of a file");
                }
            }
            return id;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }

    /** Every message (the test event and the duplicate included) is deleted once a checkpoint covers it (≤ 30 s). */
    private static void awaitDeleted(LoopbackSqs sqs, String queue) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sqs.undeleted(queue) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(sqs.undeleted(queue) + " messages still not deleted after 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** Waits (at most 90 s) until the committed output holds at least {@code n} ids, then one checkpoint more. */
    private static void awaitCommitted(Path out, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (committed(out).size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + committed(out).size() + " of " + n + " event ids committed in time");
            }
            Thread.sleep(100);
        }
        Thread.sleep(1200); // anything repeated would be committed by now too
    }

    /** The lines of every committed part file (in-progress and pending files are hidden: they start with '.'). */
    private static List<String> committed(Path out) throws IOException {
        return OutputTables.lines(out);
    }
}
