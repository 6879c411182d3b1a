package io.trailtailor.findings.escalation;

import java.util.List;
import java.util.Map;

/**
 * One known privilege-escalation path: the IAM actions that, allowed together on unrestricted resources, let a
 * principal gain more access than it holds (pathfinding.cloud's {@code permissions.required}, or one of ours).
 *
 * @param id the path id, e.g. {@code iam-001} or {@code tt-eks-001}
 * @param category pathfinding.cloud's category ({@code self-escalation}, {@code new-passrole}, ...)
 * @param source {@code pathfinding.cloud} or {@code trailtailor}
 * @param actions the required actions, as the source spells them
 * @param resourceConstraints the source's prose constraint per action, where it gave one
 * @param url where a reviewer reads the path
 */
public record EscalationPath(
        String id,
        String name,
        String category,
        String source,
        List<String> actions,
        Map<String, String> resourceConstraints,
        String url) {

    public static final String PATHFINDING = "pathfinding.cloud";
    public static final String TRAILTAILOR = "trailtailor";

    public EscalationPath {
        actions = List.copyOf(actions);
        resourceConstraints = Map.copyOf(resourceConstraints);
    }
}
