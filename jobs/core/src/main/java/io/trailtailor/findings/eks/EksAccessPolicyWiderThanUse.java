package io.trailtailor.findings.eks;

import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.rbac.AuthorizerReason;
import io.trailtailor.findings.rbac.K8sUses;
import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.grants.cluster.AssociatedAccessPolicy;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.rbac.EksAccessPolicies;
import io.trailtailor.rbac.K8sAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * TT-EKS-002: an associated EKS access policy wider than the narrowest one covering what it allowed. A request counts
 * for the association when its reason names the policy ({@code EKS Access Policy: ... of ClusterRole "<policy
 * ARN>"}), or when it has no reason and the policy covers it; requests RBAC allowed are not the policy's. Wider
 * means a later policy in the narrowest-first order of {@link EksAccessPolicies}, or cluster scope where the use
 * stayed in namespaces. An association that allowed nothing (and existed all window) is wider than use too.
 */
public final class EksAccessPolicyWiderThanUse implements Rule {

    public EksAccessPolicyWiderThanUse() {}

    @Override
    public String id() {
        return "TT-EKS-002";
    }

    @Override
    public List<Finding> evaluate(FindingContext context, RuleInfo info) {
        EksAccessPolicies policies = EksAccessPolicies.loadDefault();
        List<Finding> out = new ArrayList<>();
        for (ClusterSnapshot c : context.clusters().values()) {
            if (!K8sUses.audited(context, c.cluster())) continue;
            for (AssociatedAccessPolicy a : c.accessPolicies()) {
                Optional<EksAccessPolicies.AccessPolicy> held = a.permissions(policies);
                if (held.isEmpty()) continue;
                List<K8sRequestUse> used = K8sUses.ofCluster(context, c.cluster()).stream()
                        .filter(r -> r.allowed() && IamPrincipals.matches(a.principalArn(), r.iamArn()))
                        .filter(r -> allowedThrough(r, a, held.get()))
                        .toList();
                List<K8sAccess> accesses = K8sUses.accesses(used, a.principalArn());
                Optional<EksAccessPolicies.Recommendation> narrowest = policies.narrowest(accesses);
                if (narrowest.isEmpty() && !context.existedAllWindow(a.associatedAt())) continue;
                if (narrowest.isPresent() && !wider(policies, a, held.get(), narrowest.get())) continue;
                out.add(finding(context, info, c.cluster(), a, used, narrowest));
            }
        }
        return out;
    }

    private static boolean allowedThrough(
            K8sRequestUse r, AssociatedAccessPolicy a, EksAccessPolicies.AccessPolicy held) {
        Optional<AuthorizerReason> reason = AuthorizerReason.parse(r.reason());
        if (reason.isPresent()) {
            return reason.get().authorizer().equals(AuthorizerReason.EKS_ACCESS_POLICY)
                    && a.policyArn().equals(reason.get().roleName());
        }
        return K8sUses.access(r, a.principalArn()).map(held::covers).orElse(false)
                && (a.clusterScope() || a.namespaces().contains(r.namespace()));
    }

    private static boolean wider(
            EksAccessPolicies policies,
            AssociatedAccessPolicy a,
            EksAccessPolicies.AccessPolicy held,
            EksAccessPolicies.Recommendation narrowest) {
        int heldRank = policies.policies().indexOf(held);
        int needRank = policies.policies().indexOf(narrowest.policy());
        boolean scopeWider = a.clusterScope() && narrowest.scope() == EksAccessPolicies.ScopeType.NAMESPACE;
        return needRank < heldRank || scopeWider;
    }

    private static Finding finding(
            FindingContext ctx,
            RuleInfo info,
            String cluster,
            AssociatedAccessPolicy a,
            List<K8sRequestUse> used,
            Optional<EksAccessPolicies.Recommendation> narrowest) {
        String scope = a.clusterScope() ? "cluster" : "namespace (" + String.join(", ", a.namespaces()) + ")";
        String patch;
        String summary;
        if (narrowest.isPresent()) {
            EksAccessPolicies.Recommendation n = narrowest.get();
            String ns = String.join(",", n.namespaces());
            String accessScope = n.scope() == EksAccessPolicies.ScopeType.CLUSTER
                    ? "type=cluster"
                    : "type=namespace,namespaces=" + ns;
            patch = "aws eks associate-access-policy --cluster-name " + cluster + " --principal-arn "
                    + a.principalArn() + " --policy-arn " + n.policy().arn() + " --access-scope " + accessScope
                    + "\naws eks disassociate-access-policy --cluster-name " + cluster + " --principal-arn "
                    + a.principalArn() + " --policy-arn " + a.policyArn() + "\n";
            summary = "Replace " + a.policyName() + " (" + scope + ") with "
                    + n.policy().name() + " at "
                    + n.scope().name().toLowerCase(Locale.ROOT) + " scope" + (ns.isEmpty() ? "" : " (" + ns + ")")
                    + ".";
        } else {
            patch = "aws eks disassociate-access-policy --cluster-name " + cluster + " --principal-arn "
                    + a.principalArn() + " --policy-arn " + a.policyArn() + "\n";
            summary = "Disassociate " + a.policyName() + ": it allowed no request in the window.";
        }
        Map<String, Object> facts = new TreeMap<>();
        facts.put("associatedPolicy", a.policyName());
        facts.put("associatedScope", scope);
        facts.put("usedRequests", K8sUses.count(used));
        narrowest.ifPresent(n -> facts.put("narrowestPolicy", n.policy().name()));
        narrowest.ifPresent(n -> facts.put("narrowestScope", n.scope().name().toLowerCase(Locale.ROOT)));
        return Finding.of(
                info,
                Severity.HIGH,
                K8sUses.unusedConfidence(ctx, a.associatedAt()),
                Finding.Subject.principal(a.principalArn(), false).withWorkload(cluster, null, null),
                a.policyName() + " at " + scope + " scope is wider than the use of " + a.principalArn(),
                a.principalArn() + " holds " + a.policyName() + " at " + scope + " scope; the "
                        + K8sUses.count(used) + " request(s) it allowed need "
                        + narrowest
                                .map(n -> n.policy().name() + " at "
                                        + n.scope().name().toLowerCase(Locale.ROOT) + " scope")
                                .orElse("nothing")
                        + ".",
                a.policyArn() + "@" + a.principalArn(),
                List.of(a.policyName()),
                new Evidence(
                        List.of(new Evidence.Granted(
                                "ACCESS_ENTRY",
                                a.principalArn(),
                                a.policyArn(),
                                List.of(a.policyName()),
                                a.clusterScope() ? List.of("*") : a.namespaces())),
                        K8sUses.evidence(used),
                        facts),
                new Recommendation(
                        RecommendationKind.REPLACE_RBAC,
                        summary,
                        K8sUses.rbacFile(ctx, cluster, a.principalArn()),
                        patch,
                        "text"));
    }
}
