package io.trailtailor.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code NODE_ROLE_USED_BY_PODS}: an instance-profile session of a node role made a call that the node's own
 * software does not make ({@link NodeActions}) and, with {@code --baseline}, that the baseline's policy for the role
 * does not hold either. Keyed by role; each role and action alerts once.
 */
public final class NodeRoleUsedByPods extends BaseRule {

    public NodeRoleUsedByPods(AlertType type, AlertContext context) {
        super(type, context);
    }

    @Override
    public String decides() {
        return AlertTypes.NODE_ROLE_USED_BY_PODS;
    }

    @Override
    public Optional<Alert> decide(String key, Observation o, KeyMemory memory, Instant detectedAt) {
        memory.firstSeenOr(o.time());
        if (o.action() == null || memory.knows(o.action())) return Optional.empty();
        memory.learn(o.action());
        if (context.nodeActions().covers(o.action())) return Optional.empty();
        if (context.hasBaseline() && context.baseline().principalAllowed(o.principalArn(), o.action())) {
            return Optional.empty();
        }
        String pod = o.podUid() == null ? "" : " (pod " + o.podUid() + ")";
        return Optional.of(Alert.of(
                type,
                AlertId.of(type.rule(), AlertBaseline.principalKey(o.principalArn()), o.action()),
                o,
                detectedAt,
                "node role " + o.principalArn() + " used " + o.action()
                        + " through the instance's credentials" + pod
                        + "; no EKS node policy needs it"));
    }
}
