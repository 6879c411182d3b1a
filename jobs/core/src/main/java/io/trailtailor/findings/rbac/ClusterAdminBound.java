package io.trailtailor.findings.rbac;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.RbacBindingDef;
import io.trailtailor.grants.cluster.RbacGrants;
import io.trailtailor.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TT-RBAC-003: {@code cluster-admin}, or a rule of {@code *} verbs on {@code *} resources in {@code *} groups, bound
 * to a subject that is not a system identity (kube-bench 4.1.1 likewise leaves out system:masters). The patch is the
 * RBAC sized to what the subject did.
 */
public final class ClusterAdminBound implements Rule {

    public ClusterAdminBound() {}

    @Override
    public String id() {
        return "TT-RBAC-003";
    }

    /** Whether the bound rules make the subject an administrator of their scope. */
    static boolean adminEquivalent(RbacGrants.BoundRules b) {
        if (b.binding().roleKind().equals("ClusterRole")
                && b.binding().roleName().equals("cluster-admin")) return true;
        for (PolicyRule r : b.rules()) {
            if (r.verbs().contains("*")
                    && r.resources().contains("*")
                    && r.apiGroups().contains("*")) return true;
        }
        return false;
    }

    @Override
    public List<Finding> evaluate(FindingContext context, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSnapshot c : context.clusters().values()) {
            List<K8sRequestUse> requests = K8sUses.ofCluster(context, c.cluster());
            for (RbacGrants.BoundRules bound : c.rbac().bound()) {
                if (!adminEquivalent(bound)) continue;
                RbacBindingDef b = bound.binding();
                for (RbacBindingDef.Subject raw : b.subjects()) {
                    RbacBindingDef.Subject s = RbacSubjects.resolved(raw, b);
                    if (RbacSubjects.system(s)) continue;
                    List<K8sRequestUse> used = requests.stream()
                            .filter(r -> r.allowed() && RbacSubjects.matches(s, r))
                            .toList();
                    out.add(finding(context, info, c.cluster(), bound, s, used));
                }
            }
        }
        return out;
    }

    private static Finding finding(
            FindingContext ctx,
            RuleInfo info,
            String cluster,
            RbacGrants.BoundRules bound,
            RbacBindingDef.Subject s,
            List<K8sRequestUse> used) {
        RbacBindingDef b = bound.binding();
        String key = BindingKeys.of(b);
        String principal = RbacSubjects.principal(s);
        String scope = bound.clusterWide() ? "the whole cluster" : "namespace " + bound.namespace();
        Confidence confidence =
                K8sUses.audited(ctx, cluster) && ctx.windowLongEnough() ? Confidence.HIGH : Confidence.MEDIUM;
        String patch = K8sUses.sizedRbacYaml(cluster, principal, used).orElse(null);
        Recommendation rec = new Recommendation(
                RecommendationKind.REPLACE_RBAC,
                patch == null
                        ? "Remove " + RbacSubjects.describe(s) + " from " + key + "; it made no allowed request."
                        : "Replace " + key + " for " + RbacSubjects.describe(s) + " with the RBAC sized to its "
                                + used.size() + " request kind(s).",
                K8sUses.rbacFile(ctx, cluster, principal, s.name()),
                patch,
                patch == null ? null : "yaml");
        return Finding.of(
                info,
                Severity.CRITICAL,
                confidence,
                new Finding.Subject(
                        null, cluster, s.namespace(), s.kind().equals("ServiceAccount") ? s.name() : null, false),
                RbacSubjects.describe(s) + " is cluster-admin over " + scope,
                key + " binds " + b.roleKind() + " " + b.roleName() + " (every verb on every resource) to "
                        + RbacSubjects.describe(s) + "; it used " + used.size() + " request kind(s) ("
                        + K8sUses.count(used) + " requests).",
                key + "#" + principal,
                List.of("* */*"),
                new Evidence(
                        List.of(new Evidence.Granted(
                                "RBAC_BINDING",
                                key,
                                null,
                                List.of("* */*"),
                                List.of(bound.clusterWide() ? "*" : bound.namespace() + "/*"))),
                        K8sUses.evidence(used),
                        Map.of("usedRequestKinds", used.size(), "usedRequests", K8sUses.count(used))),
                rec);
    }
}
