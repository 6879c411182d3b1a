package io.trailtailor.findings.iam;

import io.trailtailor.catalog.AccessLevel;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.grants.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TT-IAM-003: in a service the subject did use, the allowed actions it never called. LOW, MEDIUM when one of them
 * writes or manages permissions. Unobservable actions and {@code iam:PassRole} are left to TT-IAM-006 and -016.
 */
public final class UnusedActions implements Rule {

    @Override
    public String id() {
        return "TT-IAM-003";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        Coverage coverage = Coverage.of(ctx.used());
        for (Judged j : Judgements.of(ctx)) {
            if (j.used().isEmpty() || AdminEquivalence.adminEquivalent(j.grants(), ctx.catalog())) continue;
            Set<String> used = j.usedActions();
            Map<String, List<Grant>> byService = new TreeMap<>();
            for (Grant g : j.grants().grants()) {
                if (!j.usedServices().contains(g.service()) || used.contains(g.action())) continue;
                if (g.action().equalsIgnoreCase(Coverage.PASS_ROLE) || !coverage.observable(g.action())) continue;
                byService.computeIfAbsent(g.service(), k -> new ArrayList<>()).add(g);
            }
            byService.forEach((service, grants) -> {
                Set<String> unused = new TreeSet<>();
                grants.forEach(g -> unused.add(g.action()));
                boolean write = unused.stream()
                        .anyMatch(a -> ctx.catalog()
                                .action(a)
                                .map(x -> x.accessLevels().contains(AccessLevel.WRITE)
                                        || x.accessLevels().contains(AccessLevel.PERMISSIONS_MANAGEMENT))
                                .orElse(false));
                List<UsedAction> serviceUse = j.used().stream()
                        .filter(r -> r.service().equals(service))
                        .toList();
                Map<String, Object> facts = Evidences.facts(ctx, j);
                facts.put("unusedActions", unused.size());
                facts.put(
                        "usedActions",
                        serviceUse.stream().map(UsedAction::action).distinct().count());
                out.add(Finding.of(
                        info,
                        write ? Severity.MEDIUM : Severity.LOW,
                        j.confidence(),
                        j.subject(),
                        unused.size() + " unused " + service + " actions",
                        j.who() + " used " + service + " but never called " + String.join(", ", unused) + " ("
                                + j.confidenceWhy() + ").",
                        Evidences.grantKey(grants),
                        List.copyOf(unused),
                        new Evidence(Evidences.granted(grants), Evidences.used(serviceUse), facts),
                        Fixes.replacePolicy(
                                ctx,
                                j,
                                "Replace the policy with the generated one: keep the " + service
                                        + " actions used, drop the rest")));
            });
        }
        return out;
    }
}
