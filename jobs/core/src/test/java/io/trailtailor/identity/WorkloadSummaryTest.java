package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadSummaryTest {

    private static final Instant T = Instant.parse("2024-04-16T09:20:04Z");
    private static final WorkloadSummary.Key KEY = new WorkloadSummary.Key("prod", "ns-a", "sa1");

    private static AttributedCall call(
            Mechanism m,
            Mechanism root,
            String role,
            String podUid,
            String pod,
            String node,
            boolean denied,
            String sa) {
        return new AttributedCall(
                "e",
                T,
                "s3.amazonaws.com",
                "GetObject",
                "ASIA",
                m,
                root,
                role,
                "eks:prod/ns-a/" + sa,
                "prod",
                "ns-a",
                sa,
                podUid,
                pod,
                podUid == null ? List.of() : List.of(podUid),
                node,
                null,
                1,
                "b",
                List.of(),
                denied);
    }

    @Test
    void aggregatesMechanismsRolesPodsAndCountsOfOneWorkload() {
        WorkloadSummary.Aggregator agg = new WorkloadSummary.Aggregator(KEY);

        agg.addCall(call(Mechanism.POD_IDENTITY, Mechanism.POD_IDENTITY, "arn:r2", "u1", "p1", null, false, "sa1"));
        agg.addCall(call(Mechanism.IRSA, Mechanism.IRSA, "arn:r1", null, null, null, true, "sa1"));
        agg.addCall(call(Mechanism.ROLE_CHAIN, Mechanism.POD_IDENTITY, "arn:r3", "u1", "p1", "n1", false, "sa1"));
        assertThat(agg.addCall(call(Mechanism.IRSA, Mechanism.IRSA, "arn:other", null, null, null, true, "sa2")))
                .isFalse();
        agg.addPod(new PodLifetime(
                "prod", "ns-a", "p0", "u0", "sa1", "n0", null, null, null, PodCredentialKind.IRSA, null));

        assertThat(agg.result())
                .isEqualTo(new WorkloadSummary(
                        "prod",
                        "ns-a",
                        "sa1",
                        List.of(Mechanism.IRSA, Mechanism.POD_IDENTITY, Mechanism.ROLE_CHAIN),
                        List.of("arn:r1", "arn:r2", "arn:r3"),
                        List.of(new WorkloadSummary.Pod("p0", "u0", "n0"), new WorkloadSummary.Pod("p1", "u1", "n1")),
                        3,
                        1,
                        List.of(),
                        null));
    }

    @Test
    void mergedAggregatorsEqualOneAggregatorOverAllCalls() {
        AttributedCall a = call(Mechanism.IRSA, Mechanism.IRSA, "arn:r1", "u1", "p1", "n1", false, "sa1");
        AttributedCall b = call(Mechanism.IRSA, Mechanism.IRSA, "arn:r2", "u2", "p2", "n2", true, "sa1");
        WorkloadSummary.Aggregator one = new WorkloadSummary.Aggregator(KEY);
        one.addCall(a);
        one.addCall(b);
        WorkloadSummary.Aggregator left = new WorkloadSummary.Aggregator(KEY);
        left.addCall(a);
        WorkloadSummary.Aggregator right = new WorkloadSummary.Aggregator(KEY);
        right.addCall(b);

        assertThat(left.merge(right).result()).isEqualTo(one.result());
        assertThatThrownBy(() -> one.merge(new WorkloadSummary.Aggregator(new WorkloadSummary.Key("x", "y", "z"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callsWithoutAWorkloadHaveNoKey() {
        AttributedCall user = new AttributedCall(
                "e",
                T,
                "s3.amazonaws.com",
                "GetObject",
                "AKIA",
                Mechanism.IAM_USER,
                Mechanism.IAM_USER,
                null,
                "arn:aws:iam::1:user/u",
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                1,
                "caller identity",
                List.of(),
                false);

        assertThat(WorkloadSummary.Aggregator.keyOf(user)).isNull();
    }
}
