package io.trailtailor.findings.rbac;

import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.RbacGrants;
import io.trailtailor.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TT-RBAC-004: a {@link SensitiveGrant} bound to a subject that never made a request of that form in the window.
 * One finding per (subject, grant kind): HIGH, CRITICAL for bind, escalate, impersonate and token creation. Judged
 * only on clusters with audit in the input.
 */
public final class UnusedSensitiveRbac implements Rule {

    public UnusedSensitiveRbac() {}

    @Override
    public String id() {
        return "TT-RBAC-004";
    }

    @Override
    public List<Finding> evaluate(FindingContext context, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSnapshot c : context.clusters().values()) {
            if (!K8sUses.audited(context, c.cluster())) continue;
            for (SubjectGrants sg : SubjectGrants.of(c, K8sUses.ofCluster(context, c.cluster()))) {
                for (SensitiveGrant g : SensitiveGrant.values()) {
                    List<Evidence.Granted> granting = granting(sg, g);
                    if (granting.isEmpty()) continue;
                    boolean used = sg.used().stream().map(K8sUses::action).anyMatch(g::usedBy);
                    if (!used) out.add(finding(context, info, sg, g, granting));
                }
            }
        }
        return out;
    }

    private static List<Evidence.Granted> granting(SubjectGrants sg, SensitiveGrant g) {
        List<Evidence.Granted> out = new ArrayList<>();
        for (RbacGrants.BoundRules b : sg.bound()) {
            for (PolicyRule r : b.rules()) {
                if (!g.grantedBy(r)) continue;
                out.add(new Evidence.Granted(
                        "RBAC_BINDING",
                        BindingKeys.of(b.binding()),
                        b.binding().roleKind() + "/" + b.binding().roleName(),
                        r.verbs().stream()
                                .flatMap(v -> r.resources().stream().map(x -> v + " " + x))
                                .toList(),
                        r.resourceNames().isEmpty()
                                ? List.of(b.clusterWide() ? "*" : b.namespace() + "/*")
                                : r.resourceNames()));
            }
        }
        return out;
    }

    private static Finding finding(
            FindingContext ctx, RuleInfo info, SubjectGrants sg, SensitiveGrant g, List<Evidence.Granted> granting) {
        var s = sg.subject();
        String principal = sg.principal();
        List<K8sRequestUse> used = sg.used();
        String patch = K8sUses.sizedRbacYaml(sg.cluster(), principal, used).orElse(null);
        String file = K8sUses.rbacFile(ctx, sg.cluster(), principal, s.name());
        String what = g.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Finding.of(
                info,
                g.severity(),
                K8sUses.unusedConfidence(ctx, sg.newestBinding()),
                new Finding.Subject(
                        null,
                        sg.cluster(),
                        s.namespace(),
                        s.kind().equals("ServiceAccount") ? s.name() : null,
                        sg.system()),
                RbacSubjects.describe(s) + " holds unused " + what,
                RbacSubjects.describe(s) + " is granted " + String.join(", ", g.forms()) + " (through "
                        + granting.size() + " rule(s)) and made no such request in the window.",
                "subject:" + principal + "#" + g.name(),
                g.forms(),
                new Evidence(
                        granting,
                        K8sUses.evidence(used),
                        Map.of("grantingRules", granting.size(), "usedRequests", K8sUses.count(used))),
                new Recommendation(
                        RecommendationKind.REPLACE_RBAC,
                        "Remove " + what + " from the roles bound to " + RbacSubjects.describe(s)
                                + (patch == null ? "." : "; the RBAC sized to its use follows."),
                        file,
                        patch,
                        patch == null ? null : "yaml"));
    }
}
