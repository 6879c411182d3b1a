package io.trailtailor.findings.iam;

import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.grants.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape TT-IAM-013 and TT-IAM-014 share: a sensitive action granted on all resources of its kind, with little
 * or no use (at most {@link #FEW} resources). Unused gives REPLACE_POLICY (drop it); used on few gives
 * SCOPE_RESOURCES to those ARNs. Unobservable actions are never judged here (TT-IAM-006).
 */
abstract class WideSensitiveGrant implements Rule {

    static final int FEW = 3;

    abstract Set<String> actions();

    abstract String what();

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        Coverage coverage = Coverage.of(ctx.used());
        for (Judged j : Judgements.of(ctx)) {
            for (String action : actions()) {
                if (!coverage.observable(action)) continue;
                List<Grant> wide = j.grants().grantsOf(action).stream()
                        .filter(g -> g.notResources().isEmpty() && Statements.unrestricted(g.resource()))
                        .toList();
                if (wide.isEmpty()) continue;
                List<UsedAction> use = j.usedOf(action);
                List<String> arns = Fixes.resources(use);
                boolean scopable =
                        ctx.catalog().action(action).map(a -> !a.wildcardOnly()).orElse(true);
                if (!use.isEmpty() && (!scopable || arns.size() > FEW)) continue;
                String canonical = wide.get(0).action();
                Map<String, Object> facts = Evidences.facts(ctx, j);
                facts.put("calls", Evidences.calls(use));
                facts.put("resourcesUsed", arns.size());
                Recommendation fix = use.isEmpty()
                        ? Fixes.replacePolicy(
                                ctx, j, "Remove " + canonical + " (replace the policy with the generated one)")
                        : Fixes.scopeResources(
                                ctx, j, List.of(canonical), "Scope " + canonical + " to " + String.join(", ", arns));
                out.add(Finding.of(
                        info,
                        Severity.HIGH,
                        j.confidence(),
                        j.subject(),
                        canonical + " on all resources, " + (use.isEmpty() ? "unused" : "used on " + arns.size()),
                        j.who() + " may " + what() + " with " + canonical + " on "
                                + String.join(
                                        ", ",
                                        wide.stream()
                                                .map(Grant::resource)
                                                .distinct()
                                                .toList())
                                + (use.isEmpty()
                                        ? " and never did."
                                        : " and used it on " + String.join(", ", arns) + ".")
                                + " (" + j.confidenceWhy() + ")",
                        Evidences.grantKey(wide),
                        List.of(canonical),
                        new Evidence(Evidences.granted(wide), Evidences.used(use), facts),
                        fix));
            }
        }
        return out;
    }
}
