package io.trailtailor.flink.identity;

import io.trailtailor.identity.PodLifetime;
import io.trailtailor.identity.WorkloadMerge;
import io.trailtailor.identity.WorkloadSummary;

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
        return WorkloadMerge.merge(a, b);
    }
}
