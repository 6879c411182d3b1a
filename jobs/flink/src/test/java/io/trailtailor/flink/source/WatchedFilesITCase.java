package io.trailtailor.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.OutputTables;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.input.LoopbackS3;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.stream.EventTime;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A continuous {@link LogFileSource} in a STREAMING job with checkpoints every 500 ms, over a local directory and an
 * s3proxy bucket that receive CloudTrail files while the job runs: a plain file, one renamed into place from a
 * hidden temporary name, one written slowly (locally), and a large one during which a task fails after a checkpoint.
 * The output is a real {@link FileSink} committed at checkpoints: every event id must be in it exactly once.
 */
class WatchedFilesITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Duration DISCOVERY = Duration.ofMillis(300);
    private static final String DAY = LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/');
    private static final Instant EVENTS = Instant.parse("2026-11-03T10:00:00Z");

    /** Set once the injected failure happened, so the restarted task does not fail again. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @TempDir
    Path tmp;

    /** How a test puts files where the job watches. */
    interface Target {
        void write(String key, byte[] bytes) throws Exception;

        /** Writes under a hidden temporary name, then gives it its final name. */
        void writeThenRename(String key, byte[] bytes) throws Exception;

        /** Writes the bytes in small pieces over about a second (where a file can be seen half-written). */
        void writeSlowly(String key, byte[] bytes) throws Exception;
    }

    @Test
    void aWatchedDirectoryYieldsEveryEventExactlyOnce() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Target dir = new Target() {
            @Override
            public void write(String key, byte[] bytes) throws IOException {
                Path p = in.resolve(key);
                Files.createDirectories(p.getParent());
                Files.write(p, bytes);
            }

            @Override
            public void writeThenRename(String key, byte[] bytes) throws IOException {
                Path p = in.resolve(key);
                Path temp = p.resolveSibling("." + p.getFileName() + ".tmp");
                write(in.relativize(temp).toString(), bytes);
                Files.move(temp, p);
            }

            @Override
            public void writeSlowly(String key, byte[] bytes) throws Exception {
                Path p = in.resolve(key);
                Files.createDirectories(p.getParent());
                try (OutputStream out = Files.newOutputStream(p)) {
                    int piece = Math.max(1, bytes.length / 20);
                    for (int at = 0; at < bytes.length; at += piece) {
                        out.write(bytes, at, Math.min(piece, bytes.length - at));
                        out.flush();
                        Thread.sleep(50); // several pieces per discovery interval: it is seen growing
                    }
                }
            }
        };
        run(dir, in.toString(), S3Settings.defaults());
    }

    @Test
    void aWatchedBucketYieldsEveryEventExactlyOnce() throws Exception {
        try (LoopbackS3 s3 = new LoopbackS3(tmp.resolve("s3"));
                S3Client client = s3.settings().client()) {
            s3.createBucket("trail");
            Target bucket = new Target() {
                @Override
                public void write(String key, byte[] bytes) {
                    s3.put("trail", key, bytes);
                }

                @Override
                public void writeThenRename(String key, byte[] bytes) {
                    // S3 has no rename: the uploader's temporary object, a copy to the final key, the temporary gone
                    int slash = key.lastIndexOf('/');
                    String temp = key.substring(0, slash + 1) + "." + key.substring(slash + 1) + ".tmp";
                    s3.put("trail", temp, bytes);
                    client.copyObject(b -> b.sourceBucket("trail")
                            .sourceKey(temp)
                            .destinationBucket("trail")
                            .destinationKey(key));
                    client.deleteObject(b -> b.bucket("trail").key(temp));
                }

                @Override
                public void writeSlowly(String key, byte[] bytes) throws Exception {
                    Thread.sleep(1000); // an object appears whole when its upload ends
                    client.putObject(b -> b.bucket("trail").key(key), RequestBody.fromBytes(bytes));
                }
            };
            run(bucket, "s3://trail/", s3.settings());
        }
    }

    private void run(Target target, String location, S3Settings s3) throws Exception {
        FAILED.set(false);
        Path out = tmp.resolve("out");
        ListingDiscovery discovery = new ListingDiscovery(
                List.of(InputLister.Source.cloudTrail(location)), KeyFilter.ALL, s3, false, Duration.ofHours(1));
        JobClient job = start(discovery, s3, out);
        try {
            List<String> expected = new ArrayList<>();
            List<String> a = TrailFiles.ids("a", 100);
            List<String> b = TrailFiles.ids("b", 100);
            List<String> c = TrailFiles.ids("c", 300);
            target.write(TrailFiles.key(DAY, "20261103T1000Z_a"), TrailFiles.gz(a, EVENTS));
            target.writeThenRename(TrailFiles.key(DAY, "20261103T1005Z_b"), TrailFiles.gz(b, EVENTS));
            target.writeSlowly(TrailFiles.key(DAY, "20261103T1010Z_c"), TrailFiles.gz(c, EVENTS));
            expected.addAll(a);
            expected.addAll(b);
            expected.addAll(c);
            awaitCommitted(out, expected.size());

            // the large file: a task fails while reading it, after a checkpoint that covered part of it
            List<String> d = TrailFiles.ids("d", 4000);
            target.write(TrailFiles.key(DAY, "20261103T1015Z_d"), TrailFiles.gz(d, EVENTS));
            expected.addAll(d);
            awaitCommitted(out, expected.size());

            assertThat(FAILED).as("the injected failure happened").isTrue();
            List<String> committed = committed(out);
            assertThat(committed).hasSize(expected.size());
            assertThat(committed).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static JobClient start(ListingDiscovery discovery, S3Settings s3, Path out) throws Exception {
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
                LogFileSource.continuous(discovery, DISCOVERY, s3),
                new EventTime(Duration.ofMinutes(15), Duration.ofSeconds(5)),
                "watched-files");
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
        return env.executeAsync("watched files");
    }

    /**
     * Passes event ids on; the first time it has passed 1,500 records of the large file and a checkpoint has
     * completed since that file began, it fails the task once. Slows the large file a little so that several
     * checkpoints fall inside it.
     */
    static final class FailOnceMidFile extends RichMapFunction<ApiCallRow, String> implements CheckpointListener {
        private transient long largeFileRecords;
        private transient boolean checkpointedInside;

        @Override
        public void open(OpenContext context) {
            largeFileRecords = 0;
            checkpointedInside = false;
        }

        @Override
        public String map(ApiCallRow call) throws Exception {
            String id = call.getEventId();
            if (id.startsWith("d-")) {
                largeFileRecords++;
                Thread.sleep(1);
                if (largeFileRecords >= 1500 && checkpointedInside && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure in the middle of a file");
                }
            }
            return id;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (largeFileRecords > 0) {
                checkpointedInside = true;
            }
        }
    }

    /** Waits (at most 90 s) until the committed output holds at least {@code n} ids. */
    private static void awaitCommitted(Path out, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (committed(out).size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + committed(out).size() + " of " + n + " event ids committed in time");
            }
            Thread.sleep(100);
        }
        // one more checkpoint: anything repeated would be committed by now too
        Thread.sleep(1200);
    }

    /** The lines of every committed part file (in-progress and pending files are hidden: they start with '.'). */
    private static List<String> committed(Path out) throws IOException {
        return OutputTables.lines(out);
    }
}
