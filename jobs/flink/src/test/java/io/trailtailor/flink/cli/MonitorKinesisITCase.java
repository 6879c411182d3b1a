package io.trailtailor.flink.cli;

import static io.trailtailor.flink.source.kinesis.SubscriptionRecords.control;
import static io.trailtailor.flink.source.kinesis.SubscriptionRecords.data;
import static io.trailtailor.flink.source.kinesis.SubscriptionRecords.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.OutputTables;
import io.trailtailor.flink.source.kinesis.LoopbackKinesis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code monitor --kinesis} as a user runs it, in its own JVM, with no listed input, against a real Kinesis API on
 * loopback (kinesis-local): gzip'd CloudWatch Logs subscription records of EKS audit events from the log group
 * {@code /aws/eks/prod-eu/cluster}, a CONTROL_MESSAGE among them, some put before it starts and some while it runs.
 * After SIGTERM with {@code --drain}, every audit event is in {@code parquet/audit_events} exactly once, with the
 * cluster its log group names.
 */
class MonitorKinesisITCase {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);

    static LoopbackKinesis kinesis;

    @TempDir
    Path dir;

    /** Outside the test's own bound: the first run on a machine installs kinesis-local with npm. */
    @BeforeAll
    @Timeout(300)
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
    @Timeout(90)
    void everyAuditEventOnceWithTheClusterOfItsLogGroup() throws Exception {
        try (KinesisClient client = kinesis.client()) {
            String arn = kinesis.createStream("eks-audit", 1);
            List<String> expected = new ArrayList<>();
            expected.addAll(putAudit(client, arn, "early", 5, 4));
            put(client, arn, "control", gzip(control()));

            Path out = dir.resolve("out");
            List<String> args = List.of(
                    "--kinesis",
                    arn,
                    "--kinesis-endpoint",
                    kinesis.settings().endpoint().toString(),
                    "--out",
                    out.toString(),
                    "--checkpoints",
                    dir.resolve("checkpoints").toString(),
                    "--checkpoint-interval",
                    "1s",
                    "--parallelism",
                    "1",
                    "--drain");
            // kinesis-local's throwaway keys, through the default credential chain as on AWS
            Map<String, String> environment =
                    Map.of("AWS_ACCESS_KEY_ID", "AKIDLOOPBACK", "AWS_SECRET_ACCESS_KEY", "loopback-secret");
            try (MonitorProcess monitor = MonitorProcess.start(args, environment, dir, dir.resolve("monitor.log"))) {
                monitor.await("the records put before the start read", WAIT, () -> auditRead(out) == expected.size());
                expected.addAll(putAudit(client, arn, "late", 5, 4));
                monitor.await("every record read", WAIT, () -> auditRead(out) >= expected.size());
                monitor.stopAndExpectZero(WAIT);
                assertThat(monitor.log()).contains("drained and stopped");
            }

            List<String> committed = new ArrayList<>();
            for (Path f : MonitorKillAndResumeITCase.finishedParquet(out.resolve("parquet/audit_events"))) {
                for (GenericRecord r : OutputTables.read(f)) {
                    committed.add(r.get("auditId") + "|" + r.get("cluster"));
                }
            }
            assertThat(committed).as("every audit event exactly once").hasSameSizeAs(expected);
            assertThat(committed).containsExactlyInAnyOrderElementsOf(expected);
            JsonNode status = JSON.readTree(out.resolve("status.json").toFile());
            assertThat(status.path("state").asText()).isEqualTo("drained");
            assertThat(status.path("sources").path("k8sAudit").path("records").asLong())
                    .isEqualTo(expected.size());
        }
    }

    /** {@code records} subscription records of {@code perRecord} audit events each; returns {@code auditID|cluster}. */
    static List<String> putAudit(KinesisClient client, String arn, String prefix, int records, int perRecord) {
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            String[] messages = new String[perRecord];
            for (int i = 0; i < perRecord; i++) {
                String id = prefix + "-" + r + "-" + i;
                messages[i] = auditEvent(id);
                expected.add(id + "|prod-eu");
            }
            put(client, arn, prefix + "-" + r, gzip(data("/aws/eks/prod-eu/cluster", messages)));
        }
        return expected;
    }

    static void put(KinesisClient client, String arn, String partitionKey, byte[] data) {
        client.putRecord(b -> b.streamARN(arn).partitionKey(partitionKey).data(SdkBytes.fromByteArray(data)));
    }

    /** {@code sources.k8sAudit.records} of status.json, -1 before it is written. */
    static long auditRead(Path out) {
        try {
            Path status = out.resolve("status.json");
            return Files.isRegularFile(status)
                    ? JSON.readTree(status.toFile())
                            .path("sources")
                            .path("k8sAudit")
                            .path("records")
                            .asLong(-1)
                    : -1;
        } catch (IOException e) {
            return -1; // being replaced at this moment: asked again at the next poll
        }
    }

    static String auditEvent(String auditId) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\""
                + auditId + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/pods\","
                + "\"verb\":\"list\",\"user\":{\"username\":\"system:serviceaccount:shop:cart\"},"
                + "\"requestReceivedTimestamp\":\"2026-11-03T10:00:00.000000Z\","
                + "\"stageTimestamp\":\"2026-11-03T10:00:00.100000Z\"}";
    }
}
