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
import io.trailtailor.findings.rbac.BindingKeys;
import io.trailtailor.findings.rbac.K8sUses;
import io.trailtailor.findings.rbac.RbacSubjects;
import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.grants.Grant;
import io.trailtailor.grants.RoleGrant;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.RbacBindingDef;
import io.trailtailor.grants.cluster.RbacGrants;
import io.trailtailor.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * TT-EKS-003: who can rewrite the cluster's identity mapping. Kubernetes side (rbac-police
 * {@code eks_modify_aws_auth}): a rule in cluster scope or {@code kube-system} allowing update/patch on
 * {@code configmaps} with no {@code resourceNames} or with {@code aws-auth} among them. IAM side: a role allowed
 * {@code eks:CreateAccessEntry} or {@code eks:AssociateAccessPolicy} on every cluster. CRITICAL when the grant went
 * unused in the window, HIGH when it was used (then the patch narrows it to what was written).
 */
public final class IdentityMappingWritable implements Rule {

    static final Set<String> WRITE = Set.of("update", "patch", "*");
    static final List<String> IAM_ACTIONS = List.of("eks:CreateAccessEntry", "eks:AssociateAccessPolicy");

    public IdentityMappingWritable() {}

    @Override
    public String id() {
        return "TT-EKS-003";
    }

    @Override
    public List<Finding> evaluate(FindingContext context, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSnapshot c : context.clusters().values()) rbacSide(context, info, c, out);
        if (context.hasIamSnapshot()) {
            for (RoleGrant role : context.roles()) {
                if (!role.serviceLinked()) iamSide(context, info, role, out);
            }
        }
        return out;
    }

    /** Whether the rule can write the aws-auth ConfigMap in the binding's scope. */
    static boolean writesAwsAuth(RbacGrants.BoundRules b, PolicyRule r) {
        boolean scope = b.clusterWide() || "kube-system".equals(b.namespace());
        boolean group = r.apiGroups().contains("") || r.apiGroups().contains("*");
        boolean resource = r.resources().contains("configmaps") || r.resources().contains("*");
        boolean verb = r.verbs().stream().anyMatch(WRITE::contains);
        boolean names = r.resourceNames().isEmpty() || r.resourceNames().contains("aws-auth");
        return scope && group && resource && verb && names;
    }

    private static void rbacSide(FindingContext ctx, RuleInfo info, ClusterSnapshot c, List<Finding> out) {
        List<K8sRequestUse> requests = K8sUses.ofCluster(ctx, c.cluster());
        for (RbacGrants.BoundRules b : c.rbac().bound()) {
            List<PolicyRule> writing =
                    b.rules().stream().filter(r -> writesAwsAuth(b, r)).toList();
            if (writing.isEmpty()) continue;
            RbacBindingDef binding = b.binding();
            for (RbacBindingDef.Subject raw : binding.subjects()) {
                RbacBindingDef.Subject s = RbacSubjects.resolved(raw, binding);
                List<K8sRequestUse> used = requests.stream()
                        .filter(r -> r.allowed()
                                && RbacSubjects.matches(s, r)
                                && WRITE.contains(r.verb())
                                && "configmaps".equals(r.resource())
                                && (r.apiGroup() == null || r.apiGroup().isEmpty())
                                && "kube-system".equals(r.namespace()))
                        .toList();
                out.add(rbacFinding(ctx, info, c.cluster(), b, writing, s, used));
            }
        }
    }

    private static Finding rbacFinding(
            FindingContext ctx,
            RuleInfo info,
            String cluster,
            RbacGrants.BoundRules b,
            List<PolicyRule> writing,
            RbacBindingDef.Subject s,
            List<K8sRequestUse> used) {
        String key = BindingKeys.of(b.binding());
        TreeSet<String> names = new TreeSet<>();
        used.forEach(r -> {
            if (r.name() != null) names.add(r.name());
        });
        String patch = names.isEmpty()
                ? null
                : "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: configmap-writer\n"
                        + "  namespace: kube-system\nrules:\n- apiGroups: [\"\"]\n  resources: [configmaps]\n"
                        + "  resourceNames: [" + String.join(", ", names) + "]\n  verbs: [get, patch, update]\n";
        boolean awsAuthWritten = names.contains("aws-auth");
        Severity severity = used.isEmpty() ? Severity.CRITICAL : Severity.HIGH;
        Confidence confidence =
                used.isEmpty() ? K8sUses.unusedConfidence(ctx, b.binding().createdAt()) : Confidence.HIGH;
        if (used.isEmpty() && !K8sUses.audited(ctx, cluster)) confidence = Confidence.LOW;
        return Finding.of(
                info,
                severity,
                confidence,
                new Finding.Subject(
                        null,
                        cluster,
                        s.namespace(),
                        s.kind().equals("ServiceAccount") ? s.name() : null,
                        RbacSubjects.system(s)),
                RbacSubjects.describe(s) + " can rewrite kube-system/aws-auth",
                key + " lets " + RbacSubjects.describe(s) + " update or patch configmaps in kube-system including"
                        + " aws-auth, i.e. map any IAM principal to any group; "
                        + (used.isEmpty()
                                ? "it wrote none in the window."
                                : "it wrote " + names + (awsAuthWritten ? " (aws-auth among them)." : ".")),
                key + "#" + RbacSubjects.principal(s),
                List.of("patch configmaps", "update configmaps"),
                new Evidence(
                        writing.stream()
                                .map(r -> new Evidence.Granted(
                                        "RBAC_BINDING",
                                        key,
                                        b.binding().roleKind() + "/"
                                                + b.binding().roleName(),
                                        r.verbs(),
                                        r.resourceNames().isEmpty()
                                                ? List.of((b.clusterWide() ? "*" : b.namespace()) + "/configmaps/*")
                                                : r.resourceNames()))
                                .toList(),
                        K8sUses.evidence(used),
                        Map.of("configmapWrites", K8sUses.count(used))),
                new Recommendation(
                        RecommendationKind.REPLACE_RBAC,
                        patch == null
                                ? "Remove configmap update/patch in kube-system from the roles of " + key + "."
                                : "Restrict configmap writes of " + key + " to resourceNames " + names + ".",
                        K8sUses.rbacFile(ctx, cluster, RbacSubjects.principal(s), s.name()),
                        patch,
                        patch == null ? null : "yaml"));
    }

    private static void iamSide(FindingContext ctx, RuleInfo info, RoleGrant role, List<Finding> out) {
        List<Grant> grants = new ArrayList<>();
        for (String action : IAM_ACTIONS) {
            ctx.grantsOf(role).grantsOf(action).stream()
                    .filter(g -> g.unrestricted() || g.resource().endsWith(":cluster/*"))
                    .forEach(grants::add);
        }
        if (grants.isEmpty()) return;
        List<UsedAction> used = ctx.used().ofRole(role.arn()).stream()
                .filter(u -> !u.denied() && IAM_ACTIONS.stream().anyMatch(a -> a.equalsIgnoreCase(u.action())))
                .toList();
        TreeSet<String> actions = new TreeSet<>();
        grants.forEach(g -> actions.add(g.action()));
        TreeSet<String> usedClusters = new TreeSet<>();
        used.forEach(u -> usedClusters.add(u.resource()));
        Severity severity = used.isEmpty() ? Severity.CRITICAL : Severity.HIGH;
        Confidence confidence = K8sUses.unusedConfidence(ctx, role.createDate());
        String file = ctx.policyFile(role.arn()).orElse(null);
        out.add(Finding.of(
                info,
                severity,
                used.isEmpty() ? confidence : Confidence.HIGH,
                Finding.Subject.principal(role.arn(), false),
                role.name() + " can grant itself cluster access on every EKS cluster",
                role.arn() + " is allowed " + String.join(", ", actions) + " on every cluster: it can create an"
                        + " access entry for any principal and associate AmazonEKSClusterAdminPolicy. "
                        + (used.isEmpty()
                                ? "It made no such call in the window."
                                : "It called them on " + usedClusters + "."),
                role.arn() + "#eks-access-entries",
                List.copyOf(actions),
                new Evidence(
                        grants.stream()
                                .map(g -> new Evidence.Granted(
                                        "POLICY_STATEMENT",
                                        g.sources().isEmpty()
                                                ? role.arn()
                                                : g.sources().get(0).policy(),
                                        g.sources().isEmpty()
                                                ? null
                                                : g.sources().get(0).sid() != null
                                                        ? g.sources().get(0).sid()
                                                        : "#"
                                                                + g.sources()
                                                                        .get(0)
                                                                        .statementIndex(),
                                        List.of(g.action()),
                                        List.of(g.resource())))
                                .toList(),
                        used.stream()
                                .map(u -> new Evidence.Used(
                                        u.action(), u.resource(), u.calls(), u.firstSeen(), u.lastSeen(), u.samples()))
                                .toList(),
                        Map.of(
                                "usedCalls",
                                used.stream().mapToLong(UsedAction::calls).sum())),
                new Recommendation(
                        RecommendationKind.REPLACE_POLICY,
                        used.isEmpty()
                                ? "Remove " + String.join(", ", actions) + " from the role's policies."
                                : "Scope " + String.join(", ", actions) + " to " + usedClusters + ".",
                        file,
                        null,
                        null)));
    }
}
