package io.trailtailor.findings.iam;

import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * TT-IAM-012: a statement granting {@code svc:*}, with the k actions of that service the subject actually called.
 * A bare {@code *} is TT-IAM-011's.
 */
public final class ServiceWildcard implements Rule {

    private static final Pattern SERVICE_STAR = Pattern.compile("([a-z0-9-]+):\\*");

    @Override
    public String id() {
        return "TT-IAM-012";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (Judged j : Judgements.of(ctx)) {
            for (Statements.Located s : Statements.allows(ctx, j.principalArn())) {
                for (String pattern : s.statement().actions()) {
                    var m = SERVICE_STAR.matcher(pattern.toLowerCase(java.util.Locale.ROOT));
                    if (!m.matches()) continue;
                    String service = m.group(1);
                    List<UsedAction> use = j.used().stream()
                            .filter(r -> r.service().equals(service))
                            .toList();
                    List<String> actions = use.stream()
                            .map(UsedAction::action)
                            .distinct()
                            .sorted()
                            .toList();
                    Map<String, Object> facts = Evidences.facts(ctx, j);
                    facts.put("serviceActions", ctx.catalog().actions(service).size());
                    facts.put("actionsUsed", actions.size());
                    out.add(Finding.of(
                            info,
                            Severity.MEDIUM,
                            j.confidence(),
                            j.subject(),
                            pattern + " granted, " + actions.size() + " actions used",
                            j.who() + " is granted " + pattern + " (" + facts.get("serviceActions")
                                    + " actions) by " + s.policy() + " statement " + s.label() + " and used "
                                    + (actions.isEmpty() ? "none" : String.join(", ", actions)) + ".",
                            s.policy() + "#" + s.label(),
                            List.of(pattern),
                            new Evidence(
                                    List.of(new Evidence.Granted(
                                            "POLICY_STATEMENT",
                                            s.policy(),
                                            s.label(),
                                            List.of(pattern),
                                            s.statement().resources())),
                                    Evidences.used(use),
                                    facts),
                            Fixes.scopeResources(ctx, j, actions, "Replace " + pattern + " with the actions used")
                                    .withKind(io.trailtailor.findings.RecommendationKind.REPLACE_POLICY)));
                }
            }
        }
        return out;
    }
}
