package io.trailtailor.findings.iam;

import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The recommendations of the IAM rules. A replacement points at the least-privilege policy this run wrote for the
 * subject ({@code policies/...}) and carries, as its patch, a policy of exactly the successful calls seen: one
 * statement per action, on the resources used (or {@code *} where the call named none).
 */
final class Fixes {

    private Fixes() {}

    static Recommendation replacePolicy(FindingContext ctx, Judged j, String summary) {
        return new Recommendation(
                RecommendationKind.REPLACE_POLICY,
                summary,
                ctx.policyFile(j.policyKey()).orElse(null),
                usedPolicy(j.used()),
                "json");
    }

    /** A statement scoping the actions to the resources used. */
    static Recommendation scopeResources(FindingContext ctx, Judged j, Collection<String> actions, String summary) {
        Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        wanted.addAll(actions);
        List<UsedAction> rows =
                j.used().stream().filter(r -> wanted.contains(r.action())).toList();
        return new Recommendation(
                RecommendationKind.SCOPE_RESOURCES,
                summary,
                ctx.policyFile(j.policyKey()).orElse(null),
                usedPolicy(rows),
                "json");
    }

    static String usedPolicy(Collection<UsedAction> rows) {
        Map<String, Set<String>> byAction = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (UsedAction r : rows) {
            if (r.denied()) continue;
            String res = r.resource() == null || r.resource().isBlank() ? "*" : r.resource();
            byAction.computeIfAbsent(r.action(), k -> new TreeSet<>()).add(res);
        }
        List<PolicyStatement> st = new ArrayList<>();
        byAction.forEach((action, res) -> st.add(
                PolicyStatement.allow(null, List.of(action), res.contains("*") ? List.of("*") : List.copyOf(res))));
        return PolicyDocument.of(st).toJson();
    }

    /** Specific resources the rows touched (no {@code *}), sorted. */
    static List<String> resources(Collection<UsedAction> rows) {
        Set<String> out = new TreeSet<>();
        rows.stream()
                .map(UsedAction::resource)
                .filter(r -> r != null && !r.isBlank() && !r.equals("*"))
                .forEach(out::add);
        return List.copyOf(out);
    }
}
