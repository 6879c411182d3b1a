package io.trailtailor.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code NEW_K8S_PRINCIPAL}: an IAM principal called a cluster's Kubernetes API for the first time. Keyed by
 * cluster: the baseline's {@code rbac/<cluster>/} principals, or those of the cluster's learning window, are known;
 * each cluster and principal alerts once.
 */
public final class NewK8sPrincipal extends BaseRule {

    public NewK8sPrincipal(AlertType type, AlertContext context) {
        super(type, context);
    }

    @Override
    public String decides() {
        return AlertTypes.NEW_K8S_PRINCIPAL;
    }

    @Override
    public Optional<Alert> decide(String key, Observation o, KeyMemory memory, Instant detectedAt) {
        long first = memory.firstSeenOr(o.time());
        String principal = AlertBaseline.principalKey(o.principalArn());
        if (o.principalArn() == null || memory.knows(principal)) return Optional.empty();
        memory.learn(principal);
        String cluster = subjectOf(key);
        if (context.hasBaseline()) {
            if (context.baseline().calledCluster(cluster, o.principalArn())) return Optional.empty();
        } else if (context.learning().learning(first, o.time())) {
            return Optional.empty();
        }
        return Optional.of(Alert.of(
                type,
                AlertId.of(type.rule(), cluster, principal),
                o,
                detectedAt,
                o.principalArn() + " called the Kubernetes API of cluster " + cluster + " for the first time ("
                        + o.action() + ")"));
    }
}
