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
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.PodIdentityAssociation;
import io.trailtailor.grants.cluster.ServiceAccountInfo;
import io.trailtailor.identity.WorkloadSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TT-WID-005 UNUSED_WORKLOAD_IDENTITY_BINDING: an {@code eks.amazonaws.com/role-arn} annotation or a Pod Identity
 * association whose service account never received that role's credentials in the window. Silent without events
 * (no window) or without cluster snapshots. Confidence is HIGH only when the window is long enough and the binding
 * existed all of it.
 */
public final class UnusedWorkloadIdentityBinding implements Rule {

    public static final String ID = "TT-WID-005";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        if (ctx.used().windowFrom() == null) return List.of();
        List<Finding> out = new ArrayList<>();
        for (ClusterSnapshot snap : ctx.clusters().values()) {
            for (ServiceAccountInfo sa : snap.serviceAccounts()) {
                if (sa.irsaRoleArn() == null
                        || exercised(ctx, snap.cluster(), sa.namespace(), sa.name(), sa.irsaRoleArn())) continue;
                out.add(finding(
                        ctx,
                        info,
                        snap.cluster(),
                        sa.namespace(),
                        sa.name(),
                        sa.irsaRoleArn(),
                        "SA_ANNOTATION",
                        "serviceaccount/" + sa.namespace() + "/" + sa.name(),
                        sa.createdAt()));
            }
            for (PodIdentityAssociation a : snap.podIdentityAssociations()) {
                String role = a.effectiveRoleArn();
                if (exercised(ctx, snap.cluster(), a.namespace(), a.serviceAccount(), role)) continue;
                out.add(finding(
                        ctx,
                        info,
                        snap.cluster(),
                        a.namespace(),
                        a.serviceAccount(),
                        role,
                        "POD_IDENTITY_ASSOCIATION",
                        a.associationArn() != null ? a.associationArn() : a.associationId(),
                        a.createdAt()));
            }
        }
        return out;
    }

    /** Whether the workload got credentials of the role in the window (any call, successful or denied). */
    private static boolean exercised(FindingContext ctx, String cluster, String ns, String sa, String roleArn) {
        for (WorkloadSummary w : ctx.used().workloadsOfRole(roleArn)) {
            if (w.cluster().equals(cluster)
                    && w.namespace().equals(ns)
                    && w.serviceAccount().equals(sa)) return true;
        }
        return false;
    }

    private static Finding finding(
            FindingContext ctx,
            RuleInfo info,
            String cluster,
            String ns,
            String sa,
            String roleArn,
            String kind,
            String source,
            Instant created) {
        boolean whole = ctx.existedAllWindow(created);
        Confidence confidence =
                whole && ctx.windowLongEnough() ? Confidence.HIGH : whole ? Confidence.MEDIUM : Confidence.LOW;
        String what = kind.equals("SA_ANNOTATION") ? "annotation" : "Pod Identity association";
        return Finding.of(
                info,
                Severity.LOW,
                confidence,
                Finding.Subject.principal(roleArn, ns.equals("kube-system")).withWorkload(cluster, ns, sa),
                "The " + what + " giving " + cluster + "/" + ns + "/" + sa + " the role " + roleArn + " was never used",
                "No credentials of the role reached the service account in "
                        + ctx.window().toDays() + " days" + (whole ? "." : "; the binding is newer than the window."),
                kind + ":" + source,
                List.of(),
                new Evidence(
                        List.of(new Evidence.Granted(kind, source, null, List.of(), List.of(roleArn))),
                        List.of(),
                        Map.of("windowDays", ctx.window().toDays(), "existedAllWindow", String.valueOf(whole))),
                Recommendation.of(
                        RecommendationKind.DELETE_IDENTITY,
                        kind.equals("SA_ANNOTATION")
                                ? "kubectl annotate serviceaccount -n " + ns + " " + sa + " eks.amazonaws.com/role-arn-"
                                : "aws eks delete-pod-identity-association --cluster-name " + cluster
                                        + " --association-id " + source));
    }
}
