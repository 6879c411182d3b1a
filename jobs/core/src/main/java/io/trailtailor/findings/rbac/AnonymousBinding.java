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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * TT-RBAC-006: a binding to {@code system:anonymous} or {@code system:unauthenticated} of any role but
 * {@code system:public-info-viewer}, the only one Kubernetes binds to them by default (EKS Best Practices, "Review
 * and revoke unnecessary anonymous access"). Not marked system: the default binding is the one left out, so any
 * other is somebody's choice.
 */
public final class AnonymousBinding implements Rule {

    static final Set<String> ANONYMOUS = Set.of("system:anonymous", "system:unauthenticated");
    static final String PUBLIC_INFO_VIEWER = "system:public-info-viewer";

    public AnonymousBinding() {}

    @Override
    public String id() {
        return "TT-RBAC-006";
    }

    @Override
    public List<Finding> evaluate(FindingContext context, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSnapshot c : context.clusters().values()) {
            for (RbacBindingDef b : c.bindings()) {
                if (b.roleKind().equals("ClusterRole") && b.roleName().equals(PUBLIC_INFO_VIEWER)) continue;
                List<String> anonymous = b.subjects().stream()
                        .filter(s -> !s.kind().equals("ServiceAccount") && ANONYMOUS.contains(s.name()))
                        .map(s -> s.kind() + " " + s.name())
                        .sorted()
                        .toList();
                if (!anonymous.isEmpty()) out.add(finding(context, info, c.cluster(), b, anonymous));
            }
        }
        return out;
    }

    private static Finding finding(
            FindingContext ctx, RuleInfo info, String cluster, RbacBindingDef b, List<String> anonymous) {
        String key = BindingKeys.of(b);
        List<K8sRequestUse> used = K8sUses.ofCluster(ctx, cluster).stream()
                .filter(K8sRequestUse::allowed)
                .filter(r -> AuthorizerReason.parse(r.reason())
                        .map(a -> a.bindingKey().equals(key))
                        .orElse(false))
                .toList();
        String delete = "kubectl delete " + b.kind().toLowerCase(Locale.ROOT) + " " + b.name()
                + (b.clusterRoleBinding() ? "" : " -n " + b.namespace());
        return Finding.of(
                info,
                Severity.HIGH,
                Confidence.HIGH,
                new Finding.Subject(null, cluster, b.namespace(), null, false),
                "Unauthenticated callers hold " + b.roleKind() + " " + b.roleName() + " through " + key,
                key + " grants " + b.roleKind() + " " + b.roleName() + " to " + String.join(", ", anonymous) + "; "
                        + K8sUses.count(used) + " allowed request(s) in the window came through it.",
                key,
                List.of(b.roleKind() + "/" + b.roleName()),
                new Evidence(
                        List.of(new Evidence.Granted(
                                "RBAC_BINDING", key, null, List.of(b.roleKind() + "/" + b.roleName()), anonymous)),
                        K8sUses.evidence(used),
                        Map.of("requestsThroughIt", K8sUses.count(used))),
                new Recommendation(
                        RecommendationKind.DELETE_BINDING,
                        "Delete " + key + " (or remove the anonymous subjects from it).",
                        null,
                        delete,
                        "text"));
    }
}
