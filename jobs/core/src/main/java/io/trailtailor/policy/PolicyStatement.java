package io.trailtailor.policy;

import java.util.List;
import java.util.Map;

/**
 * One statement of an identity-based IAM policy. Exactly one of {@code actions}/{@code notActions} and one of
 * {@code resources}/{@code notResources} is non-empty in a valid statement. {@code conditions} is kept as
 * operator → key → values for rendering and is not evaluated by {@link PolicyEvaluator}.
 */
public record PolicyStatement(
        String sid,
        Effect effect,
        List<String> actions,
        List<String> notActions,
        List<String> resources,
        List<String> notResources,
        Map<String, Map<String, List<String>>> conditions) {

    public PolicyStatement {
        actions = actions == null ? List.of() : List.copyOf(actions);
        notActions = notActions == null ? List.of() : List.copyOf(notActions);
        resources = resources == null ? List.of() : List.copyOf(resources);
        notResources = notResources == null ? List.of() : List.copyOf(notResources);
        conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
        if (effect == null) throw new IllegalArgumentException("Effect is required");
        if (actions.isEmpty() == notActions.isEmpty()) {
            throw new IllegalArgumentException("a statement needs exactly one of Action and NotAction");
        }
        if (resources.isEmpty() == notResources.isEmpty()) {
            throw new IllegalArgumentException("a statement needs exactly one of Resource and NotResource");
        }
    }

    public static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return new PolicyStatement(sid, Effect.ALLOW, actions, null, resources, null, null);
    }

    public static PolicyStatement deny(String sid, List<String> actions, List<String> resources) {
        return new PolicyStatement(sid, Effect.DENY, actions, null, resources, null, null);
    }

    /** An Allow with a condition, e.g. {@code StringEquals} → {@code iam:PassedToService} → services. */
    public static PolicyStatement allow(
            String sid,
            List<String> actions,
            List<String> resources,
            Map<String, Map<String, List<String>>> conditions) {
        return new PolicyStatement(sid, Effect.ALLOW, actions, null, resources, null, conditions);
    }

    /** The same statement (effect, conditions) with another Sid, actions and resources. */
    public PolicyStatement with(String newSid, List<String> newActions, List<String> newResources) {
        return new PolicyStatement(newSid, effect, newActions, null, newResources, null, conditions);
    }

    /** Whether the statement applies to the request (action and resource match; conditions are not evaluated). */
    public boolean appliesTo(String action, String resource) {
        boolean actionMatch = actions.isEmpty()
                ? notActions.stream().noneMatch(p -> IamWildcards.actionMatches(p, action))
                : actions.stream().anyMatch(p -> IamWildcards.actionMatches(p, action));
        if (!actionMatch) return false;
        return resources.isEmpty()
                ? notResources.stream().noneMatch(p -> IamWildcards.resourceMatches(p, resource))
                : resources.stream().anyMatch(p -> IamWildcards.resourceMatches(p, resource));
    }
}
