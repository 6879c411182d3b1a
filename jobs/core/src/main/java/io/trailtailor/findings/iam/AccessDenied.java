package io.trailtailor.findings.iam;

import io.trailtailor.catalog.AccessLevel;
import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Finding.Subject;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * TT-IAM-007: refused calls, per principal (per workload where attributed) and action. INFO; LOW when repeated
 * ({@link #REPEATED} calls or more) or sensitive (permissions management, credentials, data reads). Needs no
 * snapshot: the refusals are in the logs. A role's own rows are skipped where workloads account for its use.
 */
public final class AccessDenied implements Rule {

    static final long REPEATED = 5;

    @Override
    public String id() {
        return "TT-IAM-007";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        Map<String, List<UsedAction>> groups = new TreeMap<>();
        for (UsedAction a : ctx.used().actions()) {
            if (!a.denied()) continue;
            if (a.kind().equals(UsedAction.ROLE)
                    && !ctx.used().workloadsOfRole(a.principal()).isEmpty()) continue;
            String key =
                    a.kind() + "\u0000" + a.principal() + "\u0000" + a.action().toLowerCase(java.util.Locale.ROOT);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
        }
        List<Finding> out = new ArrayList<>();
        groups.values().forEach(rows -> out.add(finding(ctx, info, rows)));
        return out;
    }

    private static Finding finding(FindingContext ctx, RuleInfo info, List<UsedAction> rows) {
        UsedAction first = rows.get(0);
        long calls = Evidences.calls(rows);
        boolean sensitive = SensitiveActions.credential(first.action())
                || SensitiveActions.dataRead(first.action())
                || ctx.catalog()
                        .action(first.action())
                        .map(a -> a.accessLevels().contains(AccessLevel.PERMISSIONS_MANAGEMENT))
                        .orElse(false);
        Subject s = subject(ctx, first);
        Map<String, Object> facts = new TreeMap<>();
        facts.put("deniedCalls", calls);
        facts.put("sensitive", sensitive);
        String who = s.serviceAccount() == null
                ? first.principal()
                : s.cluster() + "/" + s.namespace() + "/" + s.serviceAccount();
        return Finding.of(
                info,
                calls >= REPEATED || sensitive ? Severity.LOW : Severity.INFO,
                Confidence.HIGH,
                s,
                first.action() + " denied " + calls + " times",
                who + " was refused " + first.action() + " " + calls + " times; denied calls are not use.",
                "denied",
                List.of(first.action()),
                new Evidence(List.of(), Evidences.used(rows), facts),
                Recommendation.of(
                        RecommendationKind.REVIEW,
                        "If the call is needed, use the denied-inclusive generated policy; otherwise find out why"
                                + " the workload tries it"));
    }

    private static Subject subject(FindingContext ctx, UsedAction a) {
        if (a.kind().equals(UsedAction.WORKLOAD)) {
            Set<String> roles = new java.util.TreeSet<>();
            ctx.used().workloads().stream()
                    .filter(w -> w.cluster().equals(a.cluster())
                            && w.namespace().equals(a.namespace())
                            && w.serviceAccount().equals(a.serviceAccount()))
                    .forEach(w -> roles.addAll(w.roleArns()));
            String role = roles.size() == 1 ? roles.iterator().next() : null;
            return Subject.principal(role, "kube-system".equals(a.namespace()))
                    .withWorkload(a.cluster(), a.namespace(), a.serviceAccount());
        }
        boolean system = ctx.hasIamSnapshot()
                && ctx.iam().role(a.principal()).map(r -> r.serviceLinked()).orElse(false);
        return Subject.principal(a.principal(), system);
    }
}
