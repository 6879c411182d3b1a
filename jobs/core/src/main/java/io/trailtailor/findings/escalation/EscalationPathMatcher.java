package io.trailtailor.findings.escalation;

import io.trailtailor.grants.EffectiveGrants;
import io.trailtailor.grants.Grant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the escalation paths a principal's effective grants cover: every required action allowed on an unrestricted
 * resource ({@code *}, or a wildcard over every resource of the type, e.g. {@code arn:aws:iam::1:role/*}). A grant
 * scoped to named resources does not count: the path then depends on which resources those are, which a reviewer
 * judges, not this matcher.
 */
public final class EscalationPathMatcher {

    /**
     * One covered path with the grants that cover each of its actions.
     *
     * @param conditional true when some action is covered only by conditional grants (an upper bound)
     */
    public record Match(EscalationPath path, Map<String, List<Grant>> grantsByAction, boolean conditional) {
        public Match {
            grantsByAction = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grantsByAction));
        }
    }

    private EscalationPathMatcher() {}

    public static List<Match> matches(EffectiveGrants grants, List<EscalationPath> paths) {
        List<Match> out = new ArrayList<>();
        for (EscalationPath p : paths) {
            Map<String, List<Grant>> byAction = new LinkedHashMap<>();
            boolean conditional = false;
            for (String action : p.actions()) {
                List<Grant> covering = grants.grantsOf(action).stream()
                        .filter(g -> coversAnyResource(g.resource()))
                        .toList();
                if (covering.isEmpty()) break;
                byAction.put(action, covering);
                conditional |= covering.stream().allMatch(Grant::conditional);
            }
            if (byAction.size() == p.actions().size()) out.add(new Match(p, byAction, conditional));
        }
        return out;
    }

    /** Whether the grants cover at least one path (the node rule asks only that). */
    public static boolean anyMatch(EffectiveGrants grants, List<EscalationPath> paths) {
        return !matches(grants, paths).isEmpty();
    }

    /**
     * {@code *}, or an ARN whose resource part is all wildcard ({@code *}, {@code role/*}, {@code table/*}): every
     * resource of the type. A {@code NotResource} grant is stored with {@code *} and counts too: it excludes only
     * what it names.
     */
    static boolean coversAnyResource(String resource) {
        if (resource.equals("*")) return true;
        String[] parts = resource.split(":", 6);
        if (parts.length < 6 || !resource.endsWith("*")) return false;
        String res = parts[5];
        return res.equals("*") || res.matches("[A-Za-z0-9-]+[/:]\\*");
    }
}
