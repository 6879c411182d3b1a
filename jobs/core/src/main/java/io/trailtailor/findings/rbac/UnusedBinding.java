package io.trailtailor.findings.rbac;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TT-RBAC-001: a binding that no allowed request's {@code authorization.k8s.io/reason} names over the window. Only
 * bindings that existed all window are judged, and only on clusters with audit in the input; the authorizer names
 * the first binding that allowed a request, so a binding shadowed by another one reads as unused too (the detail
 * says so).
 */
public final class UnusedBinding implements Rule {

    public UnusedBinding() {}

    @Override
    public String id() {
        return "TT-RBAC-001";
    }

    @Override
    public List<Finding> evaluate(FindingContext context, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSnapshot c : context.clusters().values()) {
            if (!K8sUses.audited(context, c.cluster())) continue;
            Set<String> named = new HashSet<>();
            for (K8sRequestUse r : K8sUses.ofCluster(context, c.cluster())) {
                if (r.allowed()) AuthorizerReason.parse(r.reason()).ifPresent(a -> named.add(a.bindingKey()));
            }
            for (RbacBindingDef b : c.bindings()) {
                if (!context.existedAllWindow(b.createdAt()) || named.contains(BindingKeys.of(b))) continue;
                out.add(finding(context, info, c.cluster(), b));
            }
        }
        return out;
    }

    private static Finding finding(FindingContext ctx, RuleInfo info, String cluster, RbacBindingDef b) {
        List<RbacBindingDef.Subject> subjects =
                b.subjects().stream().map(s -> RbacSubjects.resolved(s, b)).toList();
        boolean system = b.name().startsWith("system:")
                || b.name().startsWith("eks:")
                || "kube-system".equals(b.namespace())
                || (!subjects.isEmpty() && subjects.stream().allMatch(RbacSubjects::system));
        String key = BindingKeys.of(b);
        String sa = subjects.size() == 1 && subjects.get(0).kind().equals("ServiceAccount")
                ? subjects.get(0).name()
                : null;
        Finding.Subject subject = new Finding.Subject(null, cluster, b.namespace(), sa, system);
        String delete = "kubectl delete " + b.kind().toLowerCase(java.util.Locale.ROOT) + " " + b.name()
                + (b.clusterRoleBinding() ? "" : " -n " + b.namespace());
        Evidence evidence = new Evidence(
                List.of(new Evidence.Granted(
                        "RBAC_BINDING",
                        key,
                        null,
                        List.of(b.roleKind() + "/" + b.roleName()),
                        subjects.stream().map(RbacSubjects::describe).toList())),
                List.of(),
                Map.of(
                        "allowedRequestsNamingIt",
                        0,
                        "subjects",
                        subjects.size(),
                        "windowDays",
                        ctx.window().toDays()));
        return Finding.of(
                info,
                Severity.MEDIUM,
                K8sUses.unusedConfidence(ctx, b.createdAt()),
                subject,
                "Binding " + key + " allowed no request",
                "No allowed request in the window has an authorization reason naming " + key + " (" + b.roleKind()
                        + " " + b.roleName() + "). A binding shadowed by another that grants the same is counted"
                        + " unused too.",
                key,
                List.of(b.roleKind() + "/" + b.roleName()),
                evidence,
                new Recommendation(
                        RecommendationKind.DELETE_BINDING,
                        "Delete the unused binding " + key + ".",
                        null,
                        delete,
                        "text"));
    }
}
