package io.trailtailor.flink.source.kinesis;

import static io.trailtailor.flink.source.kinesis.SubscriptionRecords.control;
import static io.trailtailor.flink.source.kinesis.SubscriptionRecords.data;
import static io.trailtailor.flink.source.kinesis.SubscriptionRecords.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.flink.OutputTables;
import io.trailtailor.flink.stream.EventTime;
import io.trailtailor.flink.stream.LogStreams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@link KinesisLogSource} in a STREAMING job with checkpoints every 300 ms against a real Kinesis API on loopback
 * (kinesis-local): a two-shard stream receives gzip'd CloudWatch Logs subscription records from
 * {@code /aws/eks/prod-eu/cluster} before and while the job runs, with CONTROL_MESSAGEs, a record that is not gzip
 * and a log event that is no audit event among them, and the task fails once after a checkpoint. The outputs are
 * real {@link FileSink}s committed at checkpoints: every audit event exactly once, with its cluster, and every
 * rejected input exactly once in quarantine.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KinesisLogSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final AtomicBoolean FAILED = new AtomicBoolean();
    static LoopbackKinesis kinesis;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startKinesis() throws Exception {
        kinesis = LoopbackKinesis.start();
    }

    @AfterAll
    static void stopKinesis() throws Exception {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Test
    void subscriptionRecordsYieldEveryAuditEventExactlyOnceWithItsCluster() throws Exception {
        String arn = kinesis.createStream("eks-audit", 2);
        List<String> expected = new ArrayList<>();
        List<String> expectedQuarantine = new ArrayList<>();
        try (KinesisClient client = kinesis.client()) {
            // before the job starts: read from TRIM_HORIZON
            expected.addAll(putAuditBatches(client, arn, "early", 10, 5));
            put(client, arn, "control", gzip(control()));
            put(client, arn, "garbage", "not a subscription record".getBytes(StandardCharsets.UTF_8));
            expectedQuarantine.add("neither gzip nor JSON");
            put(client, arn, "mixed", gzip(data("/aws/eks/prod-eu/cluster", auditEvent("mixed-1"), "{\"hello\":1}")));
            expected.add("mixed-1|prod-eu");
            expectedQuarantine.add("neither a CloudTrail record nor an audit event");

            Path out = tmp.resolve("audit");
            Path quarantine = tmp.resolve("quarantine");
            JobClient job = start(arn, out, quarantine);
            try {
                awaitCommitted(out, expected.size());
                // while it runs, including the records during which the task fails once after a checkpoint
                expected.addAll(putAuditBatches(client, arn, "late", 40, 10));
                put(client, arn, "control-2", gzip(control()));
                awaitCommitted(out, expected.size());
                awaitCommitted(quarantine, expectedQuarantine.size());

                assertThat(FAILED).as("the injected failure happened").isTrue();
                assertThat(committed(out)).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(committed(quarantine)).containsExactlyInAnyOrderElementsOf(expectedQuarantine);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code batches} records of {@code perBatch} audit events each, spread over the shards by partition key. */
    private static List<String> putAuditBatches(
            KinesisClient client, String arn, String prefix, int batches, int perBatch) {
        List<String> expected = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            String[] messages = new String[perBatch];
            for (int i = 0; i < perBatch; i++) {
                String id = prefix + "-" + b + "-" + i;
                messages[i] = auditEvent(id);
                expected.add(id + "|prod-eu");
            }
            put(client, arn, prefix + "-stream-" + b, gzip(data("/aws/eks/prod-eu/cluster", messages)));
        }
        return expected;
    }

    private static void put(KinesisClient client, String arn, String partitionKey, byte[] data) {
        client.putRecord(b -> b.streamARN(arn).partitionKey(partitionKey).data(SdkBytes.fromByteArray(data)));
    }

    private static JobClient start(String arn, Path out, Path quarantine) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300, CheckpointingMode.EXACTLY_ONCE);
        LogStreams streams = KinesisLogSource.build(
                env, arn, null, new EventTime(Duration.ofMinutes(15), Duration.ofSeconds(5)), kinesis.settings());
        sink(
                streams.auditEvents()
                        .map(new FailOnceAfterCheckpoint())
                        .returns(Types.STRING)
                        .name("fail once")
                        .uid("fail-once"),
                out,
                "audit-ids");
        sink(
                streams.quarantined()
                        .map(q -> q.getReason())
                        .returns(Types.STRING)
                        .name("reasons")
                        .uid("reasons"),
                quarantine,
                "quarantine-reasons");
        return env.executeAsync("kinesis subscription records");
    }

    private static void sink(DataStream<String> lines, Path dir, String uid) {
        lines.sinkTo(FileSink.forRowFormat(
                                new org.apache.flink.core.fs.Path(dir.toUri()), new SimpleStringEncoder<String>())
                        .withRollingPolicy(OnCheckpointRollingPolicy.build())
                        .build())
                .name(uid)
                .uid(uid);
    }

    /**
     * Passes {@code auditID|cluster} on; once a checkpoint has completed while late records flow and 100 of them
     * passed, it fails the task once, so the source must restore its shard positions exactly.
     */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<AuditEventRow, String>
            implements CheckpointListener {
        private transient long late;
        private transient boolean checkpointedInside;

        @Override
        public void open(OpenContext context) {
            late = 0;
            checkpointedInside = false;
        }

        @Override
        public String map(AuditEventRow e) {
            if (e.getAuditId().startsWith("late-")) {
                late++;
                if (late >= 100 && checkpointedInside && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure while late records flow");
                }
            }
            return e.getAuditId() + "|" + e.getCluster();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (late > 0) {
                checkpointedInside = true;
            }
        }
    }

    static String auditEvent(String auditId) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\""
                + auditId + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/pods\","
                + "\"verb\":\"list\",\"user\":{\"username\":\"system:serviceaccount:shop:cart\"},"
                + "\"requestReceivedTimestamp\":\"2026-11-03T10:00:00.000000Z\","
                + "\"stageTimestamp\":\"2026-11-03T10:00:00.100000Z\"}";
    }

    /**
     * Waits (at most 90 s) until the committed output holds at least {@code n} lines, then a few more checkpoints;
     * the caller's exact assertions judge what is there.
     */
    private static void awaitCommitted(Path out, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (committed(out).size() < n) {
            if (System.nanoTime() > deadline) {
                return; // the exact assertions that follow say what is missing
            }
            Thread.sleep(100);
        }
        Thread.sleep(1000); // a few more checkpoints: anything repeated would be committed by now too
    }

    /** The lines of every committed part file (in-progress and pending files are hidden: they start with '.'). */
    private static List<String> committed(Path out) throws IOException {
        return OutputTables.lines(out);
    }
}
