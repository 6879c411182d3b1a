package io.trailtailor.flink.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.Mechanism;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ResolveChainsTest {

    private static final long WAIT = 100;
    private static final long RETAIN = 10;
    private static final String POD = "eks:prod/shop/cart";

    private static KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, String>, Tuple2<String, String>>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ResolveChains(WAIT, RETAIN)), t -> ResolveChains.ONE_KEY, Types.STRING);
    }

    private static StreamRecord<Tuple2<String, String>> irsa(String key, long at, long expiresAt) {
        CredentialSession s = CredentialSession.builder(key, Mechanism.IRSA)
                .rootPrincipal(POD)
                .cluster("prod")
                .namespace("shop")
                .serviceAccount("cart")
                .issuedAt(Instant.ofEpochMilli(at))
                .expiresAt(Instant.ofEpochMilli(expiresAt))
                .build();
        return new StreamRecord<>(Tuple2.of(key, JsonCodec.write(s)), at);
    }

    private static StreamRecord<Tuple2<String, String>> chained(String key, String parent, long at) {
        CredentialSession s = CredentialSession.builder(key, Mechanism.ROLE_CHAIN)
                .parentAccessKeyId(parent)
                .rootPrincipal("arn:aws:sts::1:assumed-role/r/" + parent)
                .issuedAt(Instant.ofEpochMilli(at))
                .expiresAt(Instant.ofEpochMilli(at + 1000))
                .build();
        return new StreamRecord<>(Tuple2.of(key, JsonCodec.write(s)), at);
    }

    /** (key, root mechanism, service account) of each session that left, in order. */
    private static List<String> out(
            KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, String>, Tuple2<String, String>> h) {
        return h.extractOutputValues().stream()
                .map(t -> {
                    CredentialSession s = JsonCodec.read(t.f1, CredentialSession.class);
                    return t.f0 + " " + s.rootMechanism() + " " + s.serviceAccount();
                })
                .toList();
    }

    @Test
    void aChainOfFiveHopsResolvesToThePodWhateverTheOrder() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(chained("A5", "A4", 50));
            h.processElement(chained("A3", "A2", 30));
            h.processElement(irsa("A0", 0, 5000));
            h.processElement(chained("A1", "A0", 10));
            h.processElement(chained("A4", "A3", 40));
            h.processElement(chained("A2", "A1", 20));
            h.processWatermark(200);
            assertThat(out(h))
                    .containsExactly(
                            "A0 IRSA cart",
                            "A1 IRSA cart",
                            "A2 IRSA cart",
                            "A3 IRSA cart",
                            "A4 IRSA cart",
                            "A5 IRSA cart");
        }
    }

    @Test
    void aParentArrivingAfterItsChildrenLeftReEmitsThemResolved() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(chained("B2", "B1", 20));
            h.processElement(chained("B1", "B0", 10));
            h.processWatermark(150);
            assertThat(out(h)).containsExactly("B1 ROLE_CHAIN null", "B2 ROLE_CHAIN null");
            h.processElement(irsa("B0", 0, 5000)); // late: its children left already
            assertThat(out(h)).endsWith("B1 IRSA cart", "B2 IRSA cart");
            h.processWatermark(250);
            assertThat(out(h)).hasSize(5).last().isEqualTo("B0 IRSA cart");
        }
    }

    @Test
    void sessionsAreForgottenWhenTheirCredentialsExpired() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(irsa("C0", 0, 500)); // expires at 500, forgotten at 500 + WAIT + RETAIN
            h.processWatermark(609);
            assertThat(h.numKeyedStateEntries()).isPositive();
            h.processWatermark(610);
            assertThat(h.numKeyedStateEntries()).isZero();
            h.processElement(chained("C1", "C0", 700));
            h.processWatermark(900);
            assertThat(out(h)).containsExactly("C0 IRSA cart", "C1 ROLE_CHAIN null");
        }
    }

    @Test
    void survivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            h.processElement(irsa("D0", 0, 5000));
            h.processElement(chained("D1", "D0", 10));
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            h.processElement(chained("D2", "D1", 20));
            h.processWatermark(200);
            assertThat(out(h)).containsExactly("D0 IRSA cart", "D1 IRSA cart", "D2 IRSA cart");
        }
    }
}
