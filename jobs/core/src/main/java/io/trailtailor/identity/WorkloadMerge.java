package io.trailtailor.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Combines two partial figures of one workload (per-session parts, its pods): associative and commutative, so a
 * stream may merge parts in any order and any grouping and reach the same {@code workloads.json} entry.
 */
public final class WorkloadMerge {

    private WorkloadMerge() {}

    /** The union of mechanisms, roles and pods (a pod's name and node from whichever part knows them), calls summed. */
    public static WorkloadSummary merge(WorkloadSummary a, WorkloadSummary b) {
        TreeSet<Mechanism> mechanisms = new TreeSet<>(a.mechanisms());
        mechanisms.addAll(b.mechanisms());
        TreeSet<String> roles = new TreeSet<>(a.roleArns());
        roles.addAll(b.roleArns());
        Map<String, WorkloadSummary.Pod> pods = new TreeMap<>();
        for (WorkloadSummary.Pod p : a.pods()) {
            pods.merge(p.uid(), p, WorkloadMerge::fill);
        }
        for (WorkloadSummary.Pod p : b.pods()) {
            pods.merge(p.uid(), p, WorkloadMerge::fill);
        }
        List<WorkloadSummary.Pod> sorted = new ArrayList<>(pods.values());
        sorted.sort(Comparator.comparing((WorkloadSummary.Pod p) -> String.valueOf(p.name()))
                .thenComparing(WorkloadSummary.Pod::uid));
        return new WorkloadSummary(
                a.cluster(),
                a.namespace(),
                a.serviceAccount(),
                new ArrayList<>(mechanisms),
                new ArrayList<>(roles),
                sorted,
                a.calls() + b.calls(),
                a.deniedCalls() + b.deniedCalls(),
                List.of(),
                null);
    }

    private static WorkloadSummary.Pod fill(WorkloadSummary.Pod x, WorkloadSummary.Pod y) {
        return new WorkloadSummary.Pod(
                x.name() != null ? x.name() : y.name(), x.uid(), x.node() != null ? x.node() : y.node());
    }
}
