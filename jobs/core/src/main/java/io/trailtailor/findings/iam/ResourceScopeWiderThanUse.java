package io.trailtailor.findings.iam;

import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.grants.Grant;
import io.trailtailor.policy.IamWildcards;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TT-IAM-004: an action used on specific ARNs while granted on {@code *} or a wildcard ARN, per service. Actions
 * that cannot be scoped (the catalog lists no resource type) are skipped. HIGH when a data read is among them.
 */
public final class ResourceScopeWiderThanUse implements Rule {

    @Override
    public String id() {
        return "TT-IAM-004";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (Judged j : Judgements.of(ctx)) {
            Map<String, List<Grant>> wide = new TreeMap<>();
            Map<String, List<UsedAction>> use = new TreeMap<>();
            for (String action : j.usedActions()) {
                List<UsedAction> rows = j.usedOf(action);
                if (Fixes.resources(rows).isEmpty() || rows.stream().anyMatch(r -> "*".equals(r.resource()))) continue;
                boolean scopable =
                        ctx.catalog().action(action).map(a -> !a.wildcardOnly()).orElse(false);
                if (!scopable) continue;
                List<Grant> grants = j.grants().grantsOf(action).stream()
                        .filter(g -> IamWildcards.hasWildcard(g.resource()))
                        .toList();
                if (grants.isEmpty()) continue;
                String service = rows.get(0).service();
                wide.computeIfAbsent(service, k -> new ArrayList<>()).addAll(grants);
                use.computeIfAbsent(service, k -> new ArrayList<>()).addAll(rows);
            }
            wide.forEach((service, grants) -> {
                List<UsedAction> rows = use.get(service);
                List<String> actions =
                        rows.stream().map(UsedAction::action).distinct().toList();
                List<String> arns = Fixes.resources(rows);
                boolean dataRead = actions.stream().anyMatch(SensitiveActions::dataRead);
                Map<String, Object> facts = Evidences.facts(ctx, j);
                facts.put("resourcesUsed", arns.size());
                facts.put(
                        "grantedResources",
                        grants.stream().map(Grant::resource).distinct().sorted().toList());
                out.add(Finding.of(
                        info,
                        dataRead ? Severity.HIGH : Severity.MEDIUM,
                        j.confidence(),
                        j.subject(),
                        service + " granted on wildcard resources, used on " + arns.size(),
                        j.who() + " may call " + String.join(", ", actions) + " on "
                                + String.join(
                                        ", ",
                                        grants.stream()
                                                .map(Grant::resource)
                                                .distinct()
                                                .sorted()
                                                .toList()) + " but used "
                                + String.join(", ", arns) + ".",
                        Evidences.grantKey(grants),
                        actions,
                        new Evidence(Evidences.granted(grants), Evidences.used(rows), facts),
                        Fixes.scopeResources(ctx, j, actions, "Scope the resources to the ARNs used")));
            });
        }
        return out;
    }
}
