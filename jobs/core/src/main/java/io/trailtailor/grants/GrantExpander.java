package io.trailtailor.grants;

import io.trailtailor.catalog.ActionInfo;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.policy.Effect;
import io.trailtailor.policy.IamWildcards;
import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Expands a principal's policies into {@link EffectiveGrants}, the way IAM combines identity policies and a
 * permission boundary for one principal:
 *
 * <ol>
 *   <li>each Allow statement grants every catalog action its {@code Action} patterns match (IAM wildcards,
 *       case-insensitive), or every action its {@code NotAction} patterns do not match, on each of its resource
 *       patterns;
 *   <li>an unconditional Deny whose actions match and whose resource pattern covers the grant's removes it; a
 *       conditional Deny only marks the grant conditional;
 *   <li>with a boundary, a grant survives only where a boundary Allow covers it, narrowed to the boundary's
 *       pattern when that is the narrower one (intersection), and no boundary Deny covers it.
 * </ol>
 *
 * "Pattern A covers pattern B" is decided by matching B's text against A with {@link IamWildcards}, so
 * {@code arn:aws:s3:::*} covers {@code arn:aws:s3:::b/*}; two patterns neither of which covers the other are treated
 * as disjoint (a safe under-approximation of denies, over-approximation avoided). SCPs, session policies and
 * resource policies are out of scope.
 */
public final class GrantExpander {

    private final IamCatalog catalog;

    public GrantExpander(IamCatalog catalog) {
        this.catalog = catalog;
    }

    public EffectiveGrants expand(PrincipalPolicies p) {
        List<PolicyStatement> denies = new ArrayList<>();
        p.documents()
                .forEach(d -> d.document().statements().stream()
                        .filter(s -> s.effect() == Effect.DENY)
                        .forEach(denies::add));
        Set<String> unknown = new TreeSet<>();
        Map<String, Builder> merged = new TreeMap<>();
        int deniedByPolicy = 0;
        int deniedByBoundary = 0;
        for (SourcedDocument doc : p.documents()) {
            List<PolicyStatement> st = doc.document().statements();
            for (int i = 0; i < st.size(); i++) {
                PolicyStatement s = st.get(i);
                if (s.effect() != Effect.ALLOW) continue;
                Grant.Source source = new Grant.Source(doc.policy(), doc.via(), i, s.sid());
                List<String> patterns = s.resources().isEmpty() ? List.of("*") : s.resources();
                for (ActionInfo a : actions(s, unknown)) {
                    String action = a.qualifiedName();
                    for (String pattern : patterns) {
                        if (deniedOutright(denies, action, pattern)) {
                            deniedByPolicy++;
                            continue;
                        }
                        boolean conditional = !s.conditions().isEmpty() || deniedMaybe(denies, action, pattern);
                        List<String> narrowed =
                                p.boundaryArn() == null ? List.of(pattern) : bounded(p, action, pattern);
                        if (narrowed.isEmpty()) deniedByBoundary++;
                        for (String r : narrowed) {
                            String key = action + "\u0000" + r + "\u0000" + s.notResources();
                            merged.computeIfAbsent(key, k -> new Builder(action, r, s.notResources()))
                                    .add(source, conditional);
                        }
                    }
                }
            }
        }
        List<Grant> grants = merged.values().stream().map(Builder::build).toList();
        return new EffectiveGrants(p.principalArn(), grants, unknown, p.unresolved(), deniedByPolicy, deniedByBoundary);
    }

    /** The catalog actions a statement's Action or NotAction element grants; unmatched patterns are noted. */
    private List<ActionInfo> actions(PolicyStatement s, Set<String> unknown) {
        if (!s.notActions().isEmpty()) return catalog.invert(s.notActions());
        Set<ActionInfo> out = new LinkedHashSet<>();
        for (String pattern : s.actions()) {
            List<ActionInfo> found;
            try {
                found = catalog.expand(pattern);
            } catch (IllegalArgumentException e) {
                found = List.of();
            }
            if (found.isEmpty()) unknown.add(pattern);
            out.addAll(found);
        }
        return List.copyOf(out);
    }

    private static boolean deniedOutright(List<PolicyStatement> denies, String action, String pattern) {
        return denies.stream().anyMatch(d -> d.conditions().isEmpty() && d.appliesTo(action, pattern));
    }

    private static boolean deniedMaybe(List<PolicyStatement> denies, String action, String pattern) {
        return denies.stream().anyMatch(d -> !d.conditions().isEmpty() && d.appliesTo(action, pattern));
    }

    /** The parts of {@code pattern} the boundary allows for this action: the pattern itself, or narrower ones. */
    private static List<String> bounded(PrincipalPolicies p, String action, String pattern) {
        PolicyDocument b = p.boundary();
        if (b == null) return List.of(pattern); // unresolved boundary: cannot narrow; reported as unresolved
        Set<String> out = new LinkedHashSet<>();
        for (PolicyStatement s : b.statements()) {
            if (s.effect() == Effect.DENY) continue;
            if (s.appliesTo(action, pattern)) {
                out.add(pattern);
            } else if (actionOnly(s, action)) {
                s.resources().stream()
                        .filter(r -> IamWildcards.resourceMatches(pattern, r))
                        .forEach(out::add);
            }
        }
        out.removeIf(r -> b.statements().stream()
                .anyMatch(d -> d.effect() == Effect.DENY && d.conditions().isEmpty() && d.appliesTo(action, r)));
        return List.copyOf(out);
    }

    private static boolean actionOnly(PolicyStatement s, String action) {
        return s.actions().isEmpty()
                ? s.notActions().stream().noneMatch(x -> IamWildcards.actionMatches(x, action))
                : s.actions().stream().anyMatch(x -> IamWildcards.actionMatches(x, action));
    }

    /** Merges the statements granting one (action, resource). */
    private static final class Builder {
        private final String action;
        private final String resource;
        private final List<String> notResources;
        private final List<Grant.Source> sources = new ArrayList<>();
        private boolean conditional = true;

        Builder(String action, String resource, List<String> notResources) {
            this.action = action;
            this.resource = resource;
            this.notResources = notResources;
        }

        void add(Grant.Source s, boolean cond) {
            sources.add(s);
            conditional &= cond;
        }

        Grant build() {
            return new Grant(action, resource, notResources, conditional, sources);
        }
    }
}
