package io.trailtailor.findings.node;

import io.trailtailor.catalog.ActionInfo;
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
import io.trailtailor.findings.escalation.EscalationPathMatcher;
import io.trailtailor.findings.escalation.EscalationPaths;
import io.trailtailor.grants.AttachedPolicy;
import io.trailtailor.grants.EffectiveGrants;
import io.trailtailor.grants.Grant;
import io.trailtailor.grants.GrantExpander;
import io.trailtailor.grants.InlinePolicy;
import io.trailtailor.grants.ManagedPolicy;
import io.trailtailor.grants.PrincipalPolicies;
import io.trailtailor.grants.RoleGrant;
import io.trailtailor.grants.SourcedDocument;
import io.trailtailor.policy.Effect;
import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TT-NODE-001: a node role carrying policies beyond the node baseline ({@link NodeBaseline}). Every pod on the node
 * that can reach the instance metadata service holds those grants, so each extra policy is one finding: HIGH, or
 * CRITICAL when that policy alone is administrator-equivalent or covers an escalation path; DETACH_POLICY. The
 * finding is {@code system: true}: it is about the node identity, not a workload. Admin and escalation are judged
 * on the extra policy alone, so the severity says what that one detachment removes.
 */
public final class NodeRoleExtraGrants implements Rule {

    private static final String CNI_NOTE = " Also move AmazonEKS_CNI_Policy to aws-node's own identity (IRSA or Pod"
            + " Identity for kube-system/aws-node) so pods on the node do not inherit it.";

    @Override
    public String id() {
        return "TT-NODE-001";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        if (!ctx.hasIamSnapshot()) return List.of();
        Map<String, List<String>> nodeRoles = NodeRoles.of(ctx);
        List<Finding> out = new ArrayList<>();
        for (RoleGrant role : ctx.roles()) {
            List<String> why = nodeRoles.get(role.arn());
            if (why == null) continue;
            boolean cniOnNode = role.attachedPolicies().stream().anyMatch(a -> NodeBaseline.isCniPolicy(a.arn()));
            for (AttachedPolicy a : role.attachedPolicies()) {
                if (NodeBaseline.covers(a.arn())) continue;
                PolicyDocument doc = ctx.resolver()
                        .resolve(a.arn())
                        .map(ManagedPolicy::document)
                        .orElse(null);
                out.add(finding(ctx, info, role, why, a.arn(), SourcedDocument.Kind.MANAGED, doc, cniOnNode));
            }
            for (InlinePolicy p : role.inlinePolicies()) {
                out.add(finding(ctx, info, role, why, p.name(), SourcedDocument.Kind.INLINE, p.document(), cniOnNode));
            }
        }
        return out;
    }

    private Finding finding(
            FindingContext ctx,
            RuleInfo info,
            RoleGrant role,
            List<String> why,
            String policy,
            SourcedDocument.Kind kind,
            PolicyDocument doc,
            boolean cniOnNode) {
        EffectiveGrants g = doc == null
                ? null
                : new GrantExpander(ctx.catalog())
                        .expand(new PrincipalPolicies(
                                role.arn(),
                                List.of(new SourcedDocument(policy, kind, null, doc)),
                                null,
                                null,
                                List.of()));
        boolean admin = g != null && adminEquivalent(g, ctx);
        boolean escalation = g != null
                && EscalationPathMatcher.anyMatch(
                        g, EscalationPaths.loadDefault().paths());
        Severity sev = admin || escalation ? Severity.CRITICAL : Severity.HIGH;
        Set<String> actions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (g != null) g.grants().forEach(x -> actions.add(x.action()));
        // The finding's action set is the policy's patterns as written, not their expansion: AdministratorAccess
        // would list every action, and a catalog refresh would change the fingerprint of the same grant.
        List<String> written = writtenActions(doc);
        Map<String, Object> facts = new TreeMap<>();
        facts.put("nodeRoleBecause", why);
        facts.put("policyKind", kind.name());
        facts.put("grantedActions", (long) actions.size());
        facts.put("adminEquivalent", String.valueOf(admin));
        facts.put("escalationPath", String.valueOf(escalation));
        facts.put("resolved", String.valueOf(doc != null));
        String name = kind == SourcedDocument.Kind.MANAGED ? policy.substring(policy.lastIndexOf('/') + 1) : policy;
        String detach = kind == SourcedDocument.Kind.MANAGED
                ? "aws iam detach-role-policy --role-name " + role.name() + " --policy-arn " + policy
                : "aws iam delete-role-policy --role-name " + role.name() + " --policy-name " + policy;
        String summary = "Detach " + name + " from node role " + role.name()
                + "; give the pods that need it their own Pod Identity or IRSA role."
                + (cniOnNode ? CNI_NOTE : "");
        return Finding.of(
                info,
                sev,
                doc == null ? Confidence.MEDIUM : Confidence.HIGH,
                Subject.principal(role.arn(), true),
                "Node role " + role.name() + " carries " + name + " beyond the node baseline",
                role.arn() + " is a node role (" + String.join("; ", why) + ") and carries " + name + " ("
                        + actions.size() + " actions" + (admin ? ", administrator-equivalent" : "")
                        + (escalation ? ", covers a privilege-escalation path" : "")
                        + "); every pod that can reach the node's metadata service inherits it.",
                policy,
                written,
                new Evidence(statements(policy, doc), List.of(), facts),
                new Recommendation(
                        RecommendationKind.DETACH_POLICY,
                        summary,
                        ctx.policyFile(role.arn()).orElse(null),
                        detach,
                        "text"));
    }

    /** The Allow action patterns of the policy as written ({@code NotAction x} for NotAction statements). */
    private static List<String> writtenActions(PolicyDocument doc) {
        if (doc == null) return List.of();
        Set<String> out = new TreeSet<>();
        for (PolicyStatement s : doc.statements()) {
            if (s.effect() != Effect.ALLOW) continue;
            out.addAll(s.actions());
            s.notActions().forEach(a -> out.add("NotAction " + a));
        }
        return List.copyOf(out);
    }

    /** The policy's statements as written, one evidence item each. */
    private static List<Evidence.Granted> statements(String policy, PolicyDocument doc) {
        if (doc == null) return List.of(new Evidence.Granted("POLICY_STATEMENT", policy, null, List.of(), List.of()));
        List<Evidence.Granted> out = new ArrayList<>();
        for (int i = 0; i < doc.statements().size(); i++) {
            PolicyStatement s = doc.statements().get(i);
            String sid = s.sid() == null || s.sid().isEmpty() ? "#" + i : s.sid();
            List<String> acts = s.actions().isEmpty()
                    ? s.notActions().stream().map(a -> "NotAction " + a).toList()
                    : s.actions();
            List<String> res = s.resources().isEmpty()
                    ? s.notResources().stream().map(r -> "NotResource " + r).toList()
                    : s.resources();
            out.add(new Evidence.Granted("POLICY_STATEMENT", policy, sid, acts, res));
        }
        return out;
    }

    /** Every IAM action on every resource without condition: whoever holds it can grant itself the rest. */
    private static boolean adminEquivalent(EffectiveGrants g, FindingContext ctx) {
        Set<String> free = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Grant x : g.grants()) {
            if (x.unrestricted() && !x.conditional() && x.service().equals("iam")) free.add(x.action());
        }
        if (free.isEmpty()) return false;
        for (ActionInfo a : ctx.catalog().actions("iam")) {
            if (!free.contains(a.qualifiedName())) return false;
        }
        return true;
    }
}
