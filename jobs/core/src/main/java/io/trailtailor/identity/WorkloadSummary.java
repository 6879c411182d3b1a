package io.trailtailor.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One entry of {@code workloads.json}: a (cluster, namespace, serviceAccount) with its mechanisms, roles, pods and
 * call counts. {@code actions} and {@code policyFile} are filled by policy synthesis. Lists are sorted.
 */
public record WorkloadSummary(
        String cluster,
        String namespace,
        String serviceAccount,
        List<Mechanism> mechanisms,
        List<String> roleArns,
        List<Pod> pods,
        long calls,
        long deniedCalls,
        List<String> actions,
        String policyFile) {

    public WorkloadSummary {
        mechanisms = List.copyOf(mechanisms);
        roleArns = List.copyOf(roleArns);
        pods = List.copyOf(pods);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** A pod of the workload as {@code workloads.json} lists it. */
    public record Pod(String name, String uid, String node) {}

    /** The key a keyed aggregator groups by. */
    public record Key(String cluster, String namespace, String serviceAccount) {}

    public WorkloadSummary withPolicy(List<String> actions, String policyFile) {
        return new WorkloadSummary(
                cluster,
                namespace,
                serviceAccount,
                mechanisms,
                roleArns,
                pods,
                calls,
                deniedCalls,
                actions,
                policyFile);
    }

    /**
     * Accumulates one workload: state per (cluster, namespace, serviceAccount), bounded by its distinct roles,
     * mechanisms and pods (not by calls). Mergeable, so it can serve as a Flink AggregateFunction accumulator.
     */
    public static final class Aggregator {
        private final Key key;
        private final TreeSet<Mechanism> mechanisms = new TreeSet<>();
        private final TreeSet<String> roleArns = new TreeSet<>();
        private final Map<String, Pod> podsByUid = new TreeMap<>();
        private long calls;
        private long deniedCalls;

        public Aggregator(Key key) {
            this.key = Objects.requireNonNull(key);
        }

        public static Key keyOf(AttributedCall c) {
            return c.attributedToWorkload() ? new Key(c.cluster(), c.namespace(), c.serviceAccount()) : null;
        }

        /** Counts a call attributed to this workload; calls of other workloads are ignored (returns false). */
        public boolean addCall(AttributedCall c) {
            if (!key.equals(keyOf(c))) {
                return false;
            }
            calls++;
            if (c.denied()) {
                deniedCalls++;
            }
            mechanisms.add(c.mechanism() == Mechanism.ROLE_CHAIN ? c.rootMechanism() : c.mechanism());
            if (c.mechanism() == Mechanism.ROLE_CHAIN) {
                mechanisms.add(Mechanism.ROLE_CHAIN);
            }
            if (c.roleArn() != null) {
                roleArns.add(c.roleArn());
            }
            if (c.podUid() != null) {
                podsByUid.merge(c.podUid(), new Pod(c.podName(), c.podUid(), c.node()), Aggregator::fill);
            }
            return true;
        }

        /** Lists a pod that ran as this workload (from the audit log), whether or not it made calls. */
        public boolean addPod(PodLifetime p) {
            if (!key.equals(new Key(p.cluster(), p.namespace(), p.serviceAccount())) || p.uid() == null) {
                return false;
            }
            podsByUid.merge(p.uid(), new Pod(p.name(), p.uid(), p.node()), Aggregator::fill);
            return true;
        }

        public Aggregator merge(Aggregator other) {
            if (!key.equals(other.key)) {
                throw new IllegalArgumentException("cannot merge " + key + " with " + other.key);
            }
            mechanisms.addAll(other.mechanisms);
            roleArns.addAll(other.roleArns);
            other.podsByUid.forEach((uid, pod) -> podsByUid.merge(uid, pod, Aggregator::fill));
            calls += other.calls;
            deniedCalls += other.deniedCalls;
            return this;
        }

        private static Pod fill(Pod a, Pod b) {
            return new Pod(a.name() != null ? a.name() : b.name(), a.uid(), a.node() != null ? a.node() : b.node());
        }

        public WorkloadSummary result() {
            List<Pod> pods = new ArrayList<>(podsByUid.values());
            pods.sort(java.util.Comparator.comparing((Pod p) -> String.valueOf(p.name()))
                    .thenComparing(Pod::uid));
            return new WorkloadSummary(
                    key.cluster(),
                    key.namespace(),
                    key.serviceAccount(),
                    new ArrayList<>(mechanisms),
                    new ArrayList<>(roleArns),
                    pods,
                    calls,
                    deniedCalls,
                    List.of(),
                    null);
        }
    }
}
