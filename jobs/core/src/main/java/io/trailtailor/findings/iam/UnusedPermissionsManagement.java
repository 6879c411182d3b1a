package io.trailtailor.findings.iam;

import io.trailtailor.catalog.AccessLevel;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.grants.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TT-IAM-015: "Permissions management" actions on unrestricted resources the subject never called, per service.
 * {@code iam:PassRole} is TT-IAM-016's; an admin-equivalent principal is TT-IAM-011's.
 */
public final class UnusedPermissionsManagement implements Rule {

    @Override
    public String id() {
        return "TT-IAM-015";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        Coverage coverage = Coverage.of(ctx.used());
        for (Judged j : Judgements.of(ctx)) {
            if (AdminEquivalence.adminEquivalent(j.grants(), ctx.catalog())) continue;
            Set<String> used = j.usedActions();
            Map<String, List<Grant>> byService = new TreeMap<>();
            for (Grant g : j.grants().grants()) {
                if (!g.unrestricted() || used.contains(g.action())) continue;
                if (g.action().equalsIgnoreCase(Coverage.PASS_ROLE) || !coverage.observable(g.action())) continue;
                boolean pm = ctx.catalog()
                        .action(g.action())
                        .map(a -> a.primaryAccessLevel() == AccessLevel.PERMISSIONS_MANAGEMENT)
                        .orElse(false);
                if (pm)
                    byService
                            .computeIfAbsent(g.service(), k -> new ArrayList<>())
                            .add(g);
            }
            byService.forEach((service, grants) -> {
                Set<String> actions = new TreeSet<>();
                grants.forEach(g -> actions.add(g.action()));
                Map<String, Object> facts = Evidences.facts(ctx, j);
                facts.put("unusedActions", actions.size());
                out.add(Finding.of(
                        info,
                        Severity.HIGH,
                        j.confidence(),
                        j.subject(),
                        actions.size() + " unused " + service + " permissions-management actions on *",
                        j.who() + " may change permissions with " + String.join(", ", actions)
                                + " on any resource and never did (" + j.confidenceWhy() + ").",
                        Evidences.grantKey(grants),
                        List.copyOf(actions),
                        new Evidence(Evidences.granted(grants), List.of(), facts),
                        Fixes.replacePolicy(
                                ctx, j, "Replace the policy with the generated one, without these actions")));
            });
        }
        return out;
    }
}
