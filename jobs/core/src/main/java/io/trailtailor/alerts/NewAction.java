package io.trailtailor.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code NEW_ACTION}: a subject (a workload, a role, an IAM user) was allowed an action outside its baseline. With
 * {@code --baseline} the baseline is the earlier run's workload actions or the role's or user's policy; without it,
 * what the subject did in its learning window. Keys are {@code WORKLOAD|c/n/sa}, {@code ROLE|role:acct/name} and
 * {@code USER|user:acct/name} ({@link AlertRoutes}); each subject and action alerts once.
 */
public final class NewAction extends BaseRule {

    public NewAction(AlertType type, AlertContext context) {
        super(type, context);
    }

    @Override
    public String decides() {
        return AlertTypes.NEW_ACTION;
    }

    @Override
    public Optional<Alert> decide(String key, Observation o, KeyMemory memory, Instant detectedAt) {
        long first = memory.firstSeenOr(o.time());
        if (o.action() == null || memory.knows(o.action())) return Optional.empty();
        memory.learn(o.action());
        boolean workload = key.startsWith(AlertRoutes.WORKLOAD);
        String subject = subjectOf(key);
        String basis;
        if (context.hasBaseline()) {
            boolean known = workload
                    ? context.baseline().workloadUsed(subject, o.action())
                    : context.baseline().principalAllowed(o.principalArn(), o.action());
            if (known) return Optional.empty();
            basis = workload ? "the baseline's workloads.json" : "the baseline's policy";
        } else {
            if (context.learning().learning(first, o.time())) return Optional.empty();
            basis = "its learning window";
        }
        String who = workload
                ? "workload " + subject
                : (key.startsWith(AlertRoutes.USER) ? "user " : "role ") + o.principalArn();
        return Optional.of(Alert.of(
                type,
                AlertId.of(type.rule(), key, o.action()),
                o,
                detectedAt,
                who + " used " + o.action() + ", which " + basis + " does not hold"));
    }
}
