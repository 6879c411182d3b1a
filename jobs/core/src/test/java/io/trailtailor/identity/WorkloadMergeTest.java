package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadMergeTest {

    private static WorkloadSummary part(
            List<Mechanism> mechanisms, List<String> roles, List<WorkloadSummary.Pod> pods, long calls, long denied) {
        return new WorkloadSummary("prod", "shop", "cart", mechanisms, roles, pods, calls, denied, null, null);
    }

    private final WorkloadSummary a = part(
            List.of(Mechanism.IRSA),
            List.of("arn:aws:iam::1:role/b"),
            List.of(new WorkloadSummary.Pod("cart-1", "u1", null)),
            3,
            1);
    private final WorkloadSummary b = part(
            List.of(Mechanism.ROLE_CHAIN, Mechanism.IRSA),
            List.of("arn:aws:iam::1:role/a"),
            List.of(new WorkloadSummary.Pod(null, "u1", "node-7"), new WorkloadSummary.Pod("cart-0", "u0", null)),
            2,
            0);
    private final WorkloadSummary c =
            part(List.of(), List.of(), List.of(new WorkloadSummary.Pod("cart-2", "u2", "node-1")), 0, 0);

    @Test
    void unitesSetsFillsPodsAndSumsCalls() {
        WorkloadSummary m = WorkloadMerge.merge(a, b);
        assertThat(m.mechanisms()).containsExactly(Mechanism.IRSA, Mechanism.ROLE_CHAIN);
        assertThat(m.roleArns()).containsExactly("arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b");
        assertThat(m.pods())
                .containsExactly(
                        new WorkloadSummary.Pod("cart-0", "u0", null),
                        new WorkloadSummary.Pod("cart-1", "u1", "node-7"));
        assertThat(m.calls()).isEqualTo(5);
        assertThat(m.deniedCalls()).isEqualTo(1);
    }

    @Test
    void orderAndGroupingDoNotMatter() {
        WorkloadSummary left = WorkloadMerge.merge(WorkloadMerge.merge(a, b), c);
        WorkloadSummary right = WorkloadMerge.merge(c, WorkloadMerge.merge(b, a));
        assertThat(right).isEqualTo(left);
        assertThat(left.pods()).extracting(WorkloadSummary.Pod::uid).containsExactly("u0", "u1", "u2");
    }
}
