package io.trailtailor.findings.iam;

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
import java.util.TreeMap;

/**
 * TT-IAM-002: a service the subject may call but never called, judged per workload. Only observable actions count
 * (a service granted only through data events the input lacks is TT-IAM-006's), {@code iam:PassRole} is
 * TT-IAM-016's, and an admin-equivalent principal is TT-IAM-011's, not one finding per AWS service.
 */
public final class UnusedService implements Rule {

    @Override
    public String id() {
        return "TT-IAM-002";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        Coverage coverage = Coverage.of(ctx.used());
        for (Judged j : Judgements.of(ctx)) {
            if (j.used().isEmpty() || AdminEquivalence.adminEquivalent(j.grants(), ctx.catalog())) continue;
            Map<String, List<Grant>> byService = new TreeMap<>();
            for (Grant g : j.grants().grants()) {
                if (g.action().equalsIgnoreCase(Coverage.PASS_ROLE) || !coverage.observable(g.action())) continue;
                byService.computeIfAbsent(g.service(), k -> new ArrayList<>()).add(g);
            }
            byService.keySet().removeAll(j.usedServices());
            byService.forEach((service, grants) -> {
                Map<String, Object> facts = Evidences.facts(ctx, j);
                facts.put(
                        "grantedActions",
                        grants.stream().map(Grant::action).distinct().count());
                facts.put("servicesUsed", List.copyOf(j.usedServices()));
                out.add(Finding.of(
                        info,
                        Severity.MEDIUM,
                        j.confidence(),
                        j.subject(),
                        "Service " + service + " granted, never used",
                        j.who() + " may call " + facts.get("grantedActions") + " " + service
                                + " actions and called none in " + ctx.window().toDays() + " days ("
                                + j.confidenceWhy() + ").",
                        Evidences.grantKey(grants),
                        List.of(service + ":*"),
                        new Evidence(Evidences.granted(grants), List.of(), facts),
                        Fixes.replacePolicy(ctx, j, "Replace the policy with the generated one, without " + service)));
            });
        }
        return out;
    }
}
