package io.trailtailor.flink.identity;

import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.PodLifetime;
import io.trailtailor.identity.WorkloadSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Workload figures for {@code workloads.json}, merged from per-session parts and the workload's pods. Keyed by
 * {@code cluster/namespace/serviceAccount}, the same key the policy stage uses for its part.
 */
final class Workloads {

    private Workloads() {}

    static String key(WorkloadSummary w) {
        return w.cluster() + "/" + w.namespace() + "/" + w.serviceAccount();
    }

    /** A part that lists a pod of the workload (pods that made no call still belong to it). */
    static WorkloadSummary ofPod(PodLifetime p) {
        WorkloadSummary.Aggregator a =
                new WorkloadSummary.Aggregator(new WorkloadSummary.Key(p.cluster(), p.namespace(), p.serviceAccount()));
        a.addPod(p);
        return a.result();
    }

    static String merge(String left, String right) {
        return JsonCodec.write(
                merge(JsonCodec.read(left, WorkloadSummary.class), JsonCodec.read(right, WorkloadSummary.class)));
    }

    static WorkloadSummary merge(WorkloadSummary a, WorkloadSummary b) {
        TreeSet<Mechanism> mechanisms = new TreeSet<>(a.mechanisms());
        mechanisms.addAll(b.mechanisms());
        TreeSet<String> roles = new TreeSet<>(a.roleArns());
        roles.addAll(b.roleArns());
        Map<String, WorkloadSummary.Pod> pods = new TreeMap<>();
        for (WorkloadSummary.Pod p : a.pods()) {
            pods.put(p.uid(), p);
        }
        for (WorkloadSummary.Pod p : b.pods()) {
            pods.merge(
                    p.uid(),
                    p,
                    (x, y) -> new WorkloadSummary.Pod(
                            x.name() != null ? x.name() : y.name(), x.uid(), x.node() != null ? x.node() : y.node()));
        }
        List<WorkloadSummary.Pod> sorted = new ArrayList<>(pods.values());
        sorted.sort(java.util.Comparator.comparing((WorkloadSummary.Pod p) -> String.valueOf(p.name()))
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
}
