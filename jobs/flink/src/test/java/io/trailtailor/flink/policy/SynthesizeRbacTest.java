package io.trailtailor.flink.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.sink.RefreshedFile;
import io.trailtailor.flink.stream.Counters;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * SynthesizeRbac on Flink's operator harness: request kinds as an upsert stream, one YAML file per principal when the
 * watermark passes its newest row, refreshed as new kinds arrive, the principal counted once.
 */
class SynthesizeRbacTest {

    static final String SA = "system:serviceaccount:shop:orders";

    static AccessRow row(String verb, String resource, boolean allowed, long count) {
        AccessRow r = new AccessRow();
        r.cluster = "prod";
        r.principal = SA;
        r.verb = verb;
        r.apiGroup = "";
        r.resource = resource;
        r.namespace = "shop";
        r.allowed = allowed;
        r.count = count;
        return r;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, AccessRow, RefreshedFile> harness() throws Exception {
        var options = TestAnalysis.options(Path.of("unused"), k -> {});
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SynthesizeRbac(options)), AccessRow::principalKey, Types.STRING);
    }

    static long principals(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> h) {
        var value = h.getEnvironment().getAccumulatorRegistry().getUserMap().get(Counters.RBAC_PRINCIPALS);
        return value == null ? 0 : (Long) value.getLocalValue();
    }

    @Test
    void writesTheFileWhenTheWatermarkPassesAndRefreshesItWithNewRequestKinds() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(row("get", "configmaps", true, 1), 100));
            h.processElement(new StreamRecord<>(row("get", "configmaps", true, 4), 110)); // newer sum replaces
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processWatermark(99);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(110);
            assertThat(h.extractOutputValues()).singleElement().satisfies(f -> {
                assertThat(f.path).isEqualTo("rbac/prod/sa.shop.orders.yaml");
                assertThat(f.text()).contains("configmaps").doesNotContain("secrets");
            });

            h.processElement(new StreamRecord<>(row("list", "secrets", true, 1), 200));
            h.processWatermark(200);
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.extractOutputValues().get(1).text()).contains("configmaps", "secrets");
            assertThat(principals(h)).isEqualTo(1);
        }
    }

    @Test
    void aPrincipalWithOnlyDeniedRequestsGetsNoFileAndIsNotCounted() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(row("delete", "pods", false, 2), 100));
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(principals(h)).isZero();
        }
    }
}
