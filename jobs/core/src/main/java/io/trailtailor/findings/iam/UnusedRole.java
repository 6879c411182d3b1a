package io.trailtailor.findings.iam;

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
import io.trailtailor.grants.RoleGrant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TT-IAM-001: a role no session used and nobody assumed in the window. A role created during the window, or whose
 * {@code RoleLastUsed} falls inside the window although the input shows nothing (a coverage gap), is not claimed
 * unused with HIGH confidence: the first gets LOW, the second no finding at all.
 */
public final class UnusedRole implements Rule {

    @Override
    public String id() {
        return "TT-IAM-001";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        if (Judgements.silent(ctx)) return List.of();
        List<Finding> out = new ArrayList<>();
        for (RoleGrant role : ctx.roles()) {
            if (usedInWindow(ctx, role)) continue;
            boolean existed = ctx.existedAllWindow(role.createDate());
            Confidence c = !existed ? Confidence.LOW : ctx.windowLongEnough() ? Confidence.HIGH : Confidence.MEDIUM;
            boolean admin = AdminEquivalence.adminEquivalent(ctx.grantsOf(role), ctx.catalog());
            Map<String, Object> facts = new TreeMap<>();
            facts.put("windowDays", ctx.window().toDays());
            facts.put("createDate", String.valueOf(role.createDate()));
            facts.put("existedAllWindow", existed);
            facts.put("adminEquivalent", admin);
            facts.put("attachedPolicies", role.attachedPolicies().size());
            facts.put("inlinePolicies", role.inlinePolicies().size());
            String detail = "No successful call by a session of " + role.arn() + " and no AssumeRole of it in "
                    + ctx.window().toDays() + " days"
                    + (existed ? "." : "; the role was created during the window, so it may simply be new.");
            out.add(Finding.of(
                    info,
                    admin ? Severity.HIGH : Severity.MEDIUM,
                    c,
                    Subject.principal(role.arn(), role.serviceLinked()),
                    "Role " + role.name() + " unused",
                    detail,
                    "role",
                    List.of(),
                    new Evidence(
                            List.of(new Evidence.Granted("ROLE", role.arn(), null, List.of(), List.of())),
                            List.of(),
                            facts),
                    new Recommendation(
                            RecommendationKind.DELETE_IDENTITY,
                            "Delete the role, and its service-account annotation or Pod Identity association",
                            null,
                            "aws iam delete-role --role-name " + role.name(),
                            "text")));
        }
        return out;
    }

    private static boolean usedInWindow(FindingContext ctx, RoleGrant role) {
        if (ctx.used().ofRole(role.arn()).stream().anyMatch(r -> !r.denied())) return true;
        if (ctx.used().workloadsOfRole(role.arn()).stream().anyMatch(w -> w.calls() > w.deniedCalls())) return true;
        for (UsedAction a : ctx.used().actions()) {
            if (!a.denied()
                    && a.action().toLowerCase(java.util.Locale.ROOT).startsWith("sts:assumerole")
                    && role.arn().equals(a.resource())) {
                return true;
            }
        }
        // AWS saw use the input does not show: the input is incomplete, so say nothing
        return role.lastUsed() != null && !role.lastUsed().isBefore(ctx.used().windowFrom());
    }
}
