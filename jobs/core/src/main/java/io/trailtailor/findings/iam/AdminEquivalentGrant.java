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
import io.trailtailor.grants.Grant;
import io.trailtailor.grants.RoleGrant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TT-IAM-011: a role effectively allowed every IAM action on every resource ({@code *:*}, AdministratorAccess,
 * {@code iam:*}), judged once per role with the workloads that used it listed. CRITICAL; confidence that the grant
 * is unneeded is HIGH when the role's sessions never called a permissions-management action.
 */
public final class AdminEquivalentGrant implements Rule {

    @Override
    public String id() {
        return "TT-IAM-011";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        if (!ctx.hasIamSnapshot()) return List.of();
        List<Finding> out = new ArrayList<>();
        for (RoleGrant role : ctx.roles()) {
            if (!AdminEquivalence.adminEquivalent(ctx.grantsOf(role), ctx.catalog())) continue;
            List<Grant> iam = ctx.grantsOf(role).grants().stream()
                    .filter(g -> g.service().equals("iam") && g.unrestricted())
                    .toList();
            Map<String, Evidence.Granted> bySource = new TreeMap<>();
            iam.forEach(g -> g.sources().forEach(s -> {
                String st = s.sid() == null || s.sid().isEmpty() ? "#" + s.statementIndex() : s.sid();
                bySource.putIfAbsent(
                        s.policy() + "\u0000" + st,
                        new Evidence.Granted("POLICY_STATEMENT", s.policy(), st, List.of("iam:*"), List.of("*")));
            }));
            List<String> workloads = ctx.used().workloadsOfRole(role.arn()).stream()
                    .map(w -> w.cluster() + "/" + w.namespace() + "/" + w.serviceAccount())
                    .toList();
            var used = ctx.used().ofRole(role.arn()).stream()
                    .filter(r -> !r.denied())
                    .toList();
            boolean managedPermissions = used.stream()
                    .anyMatch(r -> ctx.catalog()
                            .action(r.action())
                            .map(a -> a.accessLevels()
                                    .contains(io.trailtailor.catalog.AccessLevel.PERMISSIONS_MANAGEMENT))
                            .orElse(false));
            Confidence c = managedPermissions
                    ? Confidence.LOW
                    : ctx.windowLongEnough() && ctx.existedAllWindow(role.createDate())
                            ? Confidence.HIGH
                            : Confidence.MEDIUM;
            Map<String, Object> facts = new TreeMap<>();
            facts.put("windowDays", ctx.window().toDays());
            facts.put("workloads", workloads);
            facts.put(
                    "actionsUsed", used.stream().map(r -> r.action()).distinct().count());
            out.add(Finding.of(
                    info,
                    Severity.CRITICAL,
                    c,
                    Subject.principal(role.arn(), role.serviceLinked()),
                    "Role " + role.name() + " is administrator-equivalent",
                    role.arn() + " may call every IAM action on every resource, so it can grant itself anything; "
                            + "its sessions called " + facts.get("actionsUsed") + " distinct actions"
                            + (workloads.isEmpty() ? "." : " (workloads " + String.join(", ", workloads) + ")."),
                    Evidences.grantKey(iam),
                    List.of("iam:*"),
                    new Evidence(List.copyOf(bySource.values()), Evidences.used(used), facts),
                    new Recommendation(
                            RecommendationKind.REPLACE_POLICY,
                            "Replace the administrator grant with the generated least-privilege policy",
                            ctx.policyFile(role.arn()).orElse(null),
                            Fixes.usedPolicy(used),
                            "json")));
        }
        return out;
    }
}
