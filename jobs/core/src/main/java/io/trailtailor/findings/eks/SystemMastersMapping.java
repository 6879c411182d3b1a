package io.trailtailor.findings.eks;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.rbac.K8sUses;
import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.grants.cluster.AccessEntry;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.IdentityMapping;
import io.trailtailor.rbac.EksAccessPolicies;
import io.trailtailor.rbac.RbacResult;
import io.trailtailor.rbac.RbacYamlRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * TT-EKS-001: an aws-auth mapping or access entry that puts an IAM principal into {@code system:masters}, which the
 * API server lets past every authorizer (no RBAC binding can narrow it, and the audit reason is empty). The
 * evidence is what the principal did; the patch the narrowest EKS access policy and the RBAC covering that.
 */
public final class SystemMastersMapping implements Rule {

    static final String MASTERS = "system:masters";

    public SystemMastersMapping() {}

    @Override
    public String id() {
        return "TT-EKS-001";
    }

    /** One mapping to system:masters, from either source. */
    private record Mapping(String kind, String source, String arn, String username) {}

    @Override
    public List<Finding> evaluate(FindingContext context, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSnapshot c : context.clusters().values()) {
            List<Mapping> mappings = new ArrayList<>();
            for (IdentityMapping m : c.awsAuth()) {
                if (m.groups().contains(MASTERS)) {
                    mappings.add(new Mapping(
                            "AWS_AUTH_MAPPING",
                            "ConfigMap/kube-system/aws-auth#"
                                    + m.source().name().toLowerCase(java.util.Locale.ROOT),
                            m.arn(),
                            m.username()));
                }
            }
            for (AccessEntry e : c.accessEntries()) {
                if (e.kubernetesGroups().contains(MASTERS)) {
                    mappings.add(new Mapping(
                            "ACCESS_ENTRY",
                            e.accessEntryArn() == null ? e.principalArn() : e.accessEntryArn(),
                            e.principalArn(),
                            e.username()));
                }
            }
            for (Mapping m : mappings) out.add(finding(context, info, c.cluster(), m));
        }
        return out;
    }

    private static Finding finding(FindingContext ctx, RuleInfo info, String cluster, Mapping m) {
        List<K8sRequestUse> used = K8sUses.ofCluster(ctx, cluster).stream()
                .filter(r -> r.allowed() && IamPrincipals.madeBy(r, m.arn(), m.username()))
                .toList();
        Optional<RbacResult> sized = K8sUses.sized(cluster, m.arn(), used);
        Optional<EksAccessPolicies.Recommendation> narrowest = sized.flatMap(RbacResult::eksAccess);
        String patch = sized.map(r -> new RbacYamlRenderer().render(r)).orElse(null);
        String summary;
        if (narrowest.isPresent()) {
            EksAccessPolicies.Recommendation n = narrowest.get();
            summary = "Remove " + MASTERS + " from the mapping of " + m.arn() + "; associate "
                    + n.policy().name()
                    + " at " + n.scope().name().toLowerCase(java.util.Locale.ROOT) + " scope"
                    + (n.namespaces().isEmpty() ? "" : " (" + String.join(", ", n.namespaces()) + ")")
                    + ", or bind the generated RBAC.";
        } else if (sized.isPresent()) {
            summary = "Remove " + MASTERS + " from the mapping of " + m.arn()
                    + "; no EKS access policy covers its use, bind the generated RBAC.";
        } else {
            summary = "Remove the mapping of " + m.arn() + ": it made no allowed request in the window.";
        }
        Map<String, Object> facts = new TreeMap<>();
        facts.put("usedRequests", K8sUses.count(used));
        facts.put("usedRequestKinds", used.size());
        narrowest.ifPresent(n -> facts.put("narrowestAccessPolicy", n.policy().name()));
        Confidence confidence =
                K8sUses.audited(ctx, cluster) && ctx.windowLongEnough() ? Confidence.HIGH : Confidence.MEDIUM;
        return Finding.of(
                info,
                Severity.CRITICAL,
                confidence,
                Finding.Subject.principal(m.arn(), false).withWorkload(cluster, null, null),
                m.arn() + " is mapped to " + MASTERS,
                m.source() + " maps " + m.arn() + " to " + MASTERS + " (every permission, past RBAC); it made "
                        + K8sUses.count(used) + " allowed request(s) of " + used.size() + " kind(s) in the window.",
                m.source(),
                List.of(MASTERS),
                new Evidence(
                        List.of(new Evidence.Granted(m.kind(), m.source(), null, List.of(MASTERS), List.of("*"))),
                        K8sUses.evidence(used),
                        facts),
                new Recommendation(
                        RecommendationKind.REPLACE_RBAC,
                        summary,
                        K8sUses.rbacFile(ctx, cluster, m.arn(), m.username()),
                        patch,
                        patch == null ? null : "yaml"));
    }
}
