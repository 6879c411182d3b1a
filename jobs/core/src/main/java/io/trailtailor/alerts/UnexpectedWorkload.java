package io.trailtailor.alerts;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code UNEXPECTED_WORKLOAD}: a role was assumed by a service account, or from a cluster, that its baseline never
 * saw: the baseline's {@code workloads.json} roleArns, or the workloads of the role's learning window. Keyed by role;
 * each role and workload alerts once.
 */
public final class UnexpectedWorkload extends BaseRule {

    public UnexpectedWorkload(AlertType type, AlertContext context) {
        super(type, context);
    }

    @Override
    public String decides() {
        return AlertTypes.UNEXPECTED_WORKLOAD;
    }

    @Override
    public Optional<Alert> decide(String key, Observation o, KeyMemory memory, Instant detectedAt) {
        long first = memory.firstSeenOr(o.time());
        String workload = o.workload();
        if (workload == null || memory.knows("w:" + workload)) return Optional.empty();
        boolean clusterKnown = memory.knows("c:" + o.cluster());
        memory.learn("w:" + workload);
        memory.learn("c:" + o.cluster());
        if (context.hasBaseline()) {
            Set<String> seen = context.baseline().workloadsOf(o.principalArn());
            if (seen.contains(workload)) return Optional.empty();
            clusterKnown = seen.stream().anyMatch(w -> w.startsWith(o.cluster() + "/"));
        } else if (context.learning().learning(first, o.time())) {
            return Optional.empty();
        }
        String what = clusterKnown
                ? "service account " + o.namespace() + "/" + o.serviceAccount() + " in cluster " + o.cluster()
                : "cluster " + o.cluster() + " (service account " + o.namespace() + "/" + o.serviceAccount() + ")";
        return Optional.of(Alert.of(
                type,
                AlertId.of(type.rule(), AlertBaseline.principalKey(o.principalArn()), workload),
                o,
                detectedAt,
                "role " + o.principalArn() + " was assumed by " + what + ", which its baseline never saw ("
                        + o.mechanism() + ")"));
    }
}
