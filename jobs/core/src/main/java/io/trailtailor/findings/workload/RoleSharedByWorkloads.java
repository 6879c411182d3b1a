package io.trailtailor.findings.workload;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.grants.RoleGrant;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TT-WID-003 ROLE_SHARED_BY_WORKLOADS: more than one (cluster, namespace, service account) got credentials of the
 * role and their successful actions differ, so each holds what the others need. Pod Identity can narrow each
 * association with a session policy; otherwise the role is split. The patch lists each workload's used actions.
 */
public final class RoleSharedByWorkloads implements Rule {

    public static final String ID = "TT-WID-003";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        if (!ctx.hasIamSnapshot()) return List.of();
        List<Finding> out = new ArrayList<>();
        for (RoleGrant role : ctx.roles()) {
            List<WorkloadSummary> ws = ctx.used().workloadsOfRole(role.arn());
            if (ws.size() < 2) continue;
            Map<String, TreeSet<String>> byWorkload = new TreeMap<>();
            for (WorkloadSummary w : ws) {
                TreeSet<String> actions = new TreeSet<>();
                for (UsedAction u : ctx.used().ofWorkload(w.cluster(), w.namespace(), w.serviceAccount())) {
                    if (!u.denied()) actions.add(u.action());
                }
                byWorkload.put(w.cluster() + "/" + w.namespace() + "/" + w.serviceAccount(), actions);
            }
            if (new HashSet<>(byWorkload.values()).size() < 2) continue;
            out.add(finding(ctx, info, role, ws, byWorkload));
        }
        return out;
    }

    private static Finding finding(
            FindingContext ctx,
            RuleInfo info,
            RoleGrant role,
            List<WorkloadSummary> ws,
            Map<String, TreeSet<String>> byWorkload) {
        boolean podIdentity = ws.stream().allMatch(w -> w.mechanisms().contains(Mechanism.POD_IDENTITY));
        TreeSet<String> all = new TreeSet<>();
        byWorkload.values().forEach(all::addAll);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("workloads", List.copyOf(byWorkload.keySet()));
        byWorkload.forEach((w, a) -> facts.put("usedActions:" + w, List.copyOf(a)));
        StringBuilder patch = new StringBuilder();
        byWorkload.forEach((w, a) -> {
            patch.append(w).append(": ").append(String.join(", ", a));
            ctx.policyFile(w).ifPresent(f -> patch.append(" (").append(f).append(')'));
            patch.append('\n');
        });
        boolean system = ws.stream().allMatch(w -> w.namespace().equals("kube-system"));
        return Finding.of(
                info,
                Severity.MEDIUM,
                ctx.windowLongEnough() ? Confidence.HIGH : Confidence.MEDIUM,
                Finding.Subject.principal(role.arn(), system),
                "Role " + role.name() + " is shared by " + ws.size() + " workloads with different use",
                "Each workload holds the actions the others use: " + byWorkload.keySet(),
                "shared-role:" + role.arn(),
                List.copyOf(all),
                new Evidence(List.of(), List.of(), facts),
                new Recommendation(
                        podIdentity ? RecommendationKind.SESSION_POLICY : RecommendationKind.SPLIT_ROLE,
                        podIdentity
                                ? "Give each Pod Identity association a session policy of its own used actions"
                                : "Give each workload its own role with its generated policy",
                        null,
                        patch.toString(),
                        "text"));
    }
}
