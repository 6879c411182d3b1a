package io.trailtailor.flink.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.sink.RefreshedFile;
import io.trailtailor.flink.stream.Counters;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * SynthesizePolicy on Flink's operator harness: its input is an upsert stream of usage rows, its files come when the
 * watermark passes the newest row (once per key however many rows), a refresh replaces them, and the summary's
 * counters count each principal once.
 */
class SynthesizePolicyTest {

    static final String ROLE = "arn:aws:iam::111122223333:role/orders-irsa";
    static final String BUCKET = "arn:aws:s3:::app-data";

    static UsageEntry use(String kind, String principal, String action, String resource, long calls, long at) {
        UsageEntry u = new UsageEntry();
        u.kind = kind;
        u.principal = principal;
        if (MapToUsage.WORKLOAD.equals(kind)) {
            String[] p = principal.split("/");
            u.cluster = p[0];
            u.namespace = p[1];
            u.serviceAccount = p[2];
        }
        u.action = action;
        u.resource = resource;
        u.calls = calls;
        u.firstSeen = at;
        u.lastSeen = at;
        u.origin = "DEFAULT_RULE";
        u.evidence = new String[] {"e-" + at};
        u.passedToServices = new String[0];
        return u;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, UsageEntry, RefreshedFile> harness() throws Exception {
        var options = TestAnalysis.options(Path.of("unused"), k -> {});
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SynthesizePolicy(options)), UsageEntry::principalKey, Types.STRING);
    }

    static long counter(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> h, String name) {
        var value = h.getEnvironment().getAccumulatorRegistry().getUserMap().get(name);
        return value == null ? 0 : (Long) value.getLocalValue();
    }

    static List<String> paths(List<RefreshedFile> files) {
        return files.stream().map(f -> f.path).toList();
    }

    static String policyOf(List<RefreshedFile> files) {
        return files.stream()
                .filter(f -> f.path.equals("policies/roles/111122223333/orders-irsa.json"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .text();
    }

    @Test
    void writesAPrincipalsFilesOnceWhenTheWatermarkPassesItsNewestRowNeverBefore() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:GetObject", BUCKET + "/a", 1, 100), 100));
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:ListBucket", BUCKET, 1, 120), 120));
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // coalesced, at the first row's time
            h.processWatermark(99);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(100);
            assertThat(paths(h.extractOutputValues()))
                    .containsExactly(
                            "policies/roles/111122223333/orders-irsa.json",
                            "policies/roles/111122223333/orders-irsa.tf",
                            "policies/roles/111122223333/orders-irsa.cfn.json");
            assertThat(policyOf(h.extractOutputValues())).contains("s3:GetObject", "s3:ListBucket");
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(counter(h, Counters.ROLES)).isEqualTo(1);
            assertThat(counter(h, Counters.POLICIES)).isEqualTo(1);
        }
    }

    @Test
    void aNewerRowOfAUsageKeyReplacesTheOlderAndARefreshIsCountedOnce() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:GetObject", BUCKET + "/a", 1, 100), 100));
            h.processWatermark(100);
            // the upstream snapshot re-emits the same usage key with its new sum, and a new action appears
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:GetObject", BUCKET + "/a", 3, 200), 200));
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "dynamodb:GetItem", "*", 1, 210), 210));
            h.processWatermark(300);

            List<RefreshedFile> out = h.extractOutputValues();
            assertThat(out).hasSize(6); // three files, twice
            String refreshed = policyOf(out);
            assertThat(refreshed).contains("dynamodb:GetItem", "s3:GetObject");
            assertThat(refreshed.split("s3:GetObject", -1)).hasSize(2); // the replaced row is not granted twice
            assertThat(counter(h, Counters.ROLES)).isEqualTo(1);
            assertThat(counter(h, Counters.POLICIES)).isEqualTo(1);
        }
    }

    @Test
    void aWorkloadsPartGoesToTheSideOutputWithItsSuccessfulActions() throws Exception {
        try (var h = harness()) {
            h.open();
            String sa = "prod/shop/orders";
            h.processElement(new StreamRecord<>(use("WORKLOAD", sa, "s3:GetObject", BUCKET + "/a", 1, 100), 100));
            UsageEntry denied = use("WORKLOAD", sa, "dynamodb:PutItem", "*", 1, 110);
            denied.denied = true;
            h.processElement(new StreamRecord<>(denied, 110));
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.getSideOutput(SynthesizePolicy.PARTS))
                    .extracting(StreamRecord::getValue)
                    .containsExactly("{\"cluster\":\"prod\",\"namespace\":\"shop\",\"serviceAccount\":\"orders\","
                            + "\"actions\":[\"s3:GetObject\"],"
                            + "\"policyFile\":\"policies/workloads/prod/shop/orders.json\"}");
            assertThat(counter(h, Counters.ROLES)).isZero();
            assertThat(counter(h, Counters.POLICIES)).isEqualTo(1);
        }
    }

    @Test
    void heldRowsAndWhatWasCountedSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:GetObject", BUCKET + "/a", 1, 100), 100));
            h.processWatermark(100);
            h.processElement(new StreamRecord<>(use("ROLE", ROLE, "s3:ListBucket", BUCKET, 1, 150), 150));
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            h.processWatermark(150); // the restored timer fires
            List<RefreshedFile> out = h.extractOutputValues();
            assertThat(policyOf(out)).contains("s3:GetObject", "s3:ListBucket");
            // this task's counter starts at zero; the restored key was counted before: the difference is zero
            assertThat(counter(h, Counters.ROLES)).isZero();
        }
    }
}
