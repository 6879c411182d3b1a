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
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.PodIdentityAssociation;
import io.trailtailor.grants.cluster.ServiceAccountInfo;
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
                    new Evidence(granted(ctx, role), List.of(), facts),
                    new Recommendation(
                            RecommendationKind.DELETE_IDENTITY,
                            "Delete the role, and its service-account annotation or Pod Identity association",
                            null,
                            String.join("\n", commands(ctx, role)),
                            "text")));
        }
        return out;
    }

    /** The role, then each workload binding the cluster snapshots configure for it. */
    private static List<Evidence.Granted> granted(FindingContext ctx, RoleGrant role) {
        List<Evidence.Granted> out = new ArrayList<>();
        out.add(new Evidence.Granted("ROLE", role.arn(), null, List.of(), List.of()));
        for (ClusterSnapshot c : ctx.clusters().values()) {
            for (ServiceAccountInfo sa : c.serviceAccounts()) {
                if (role.arn().equals(sa.irsaRoleArn())) {
                    out.add(new Evidence.Granted(
                            "SA_ANNOTATION",
                            c.cluster() + "/" + sa.namespace() + "/" + sa.name(),
                            null,
                            List.of(),
                            List.of()));
                }
            }
            for (PodIdentityAssociation a : c.podIdentityAssociations()) {
                if (role.arn().equals(a.effectiveRoleArn())) {
                    out.add(new Evidence.Granted(
                            "POD_IDENTITY_ASSOCIATION", a.associationArn(), null, List.of(), List.of()));
                }
            }
        }
        return out;
    }

    /** The commands that remove the role and whatever hands it to pods. */
    private static List<String> commands(FindingContext ctx, RoleGrant role) {
        List<String> out = new ArrayList<>();
        for (ClusterSnapshot c : ctx.clusters().values()) {
            for (ServiceAccountInfo sa : c.serviceAccounts()) {
                if (role.arn().equals(sa.irsaRoleArn())) {
                    out.add("kubectl --context " + c.cluster() + " -n " + sa.namespace() + " annotate serviceaccount "
                            + sa.name() + " eks.amazonaws.com/role-arn-");
                }
            }
            for (PodIdentityAssociation a : c.podIdentityAssociations()) {
                if (role.arn().equals(a.effectiveRoleArn())) {
                    out.add("aws eks delete-pod-identity-association --cluster-name " + c.cluster()
                            + " --association-id " + a.associationId());
                }
            }
        }
        out.add("aws iam delete-role --role-name " + role.name()
                + "  # after detaching its policies and removing it from instance profiles");
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
