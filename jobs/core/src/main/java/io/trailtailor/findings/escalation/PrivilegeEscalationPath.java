package io.trailtailor.findings.escalation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.iam.AdminEquivalence;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.grants.EffectiveGrants;
import io.trailtailor.grants.Grant;
import io.trailtailor.grants.RoleGrant;
import io.trailtailor.grants.UserGrant;
import io.trailtailor.identity.WorkloadSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TT-IAM-010 PRIVILEGE_ESCALATION_PATH: a role or user whose allowed actions on unrestricted resources cover a known
 * escalation path (pathfinding.cloud, plus our EKS entries). CRITICAL when none of the path's actions was used by the
 * principal in the window (the path is pure exposure), HIGH when some were. The fix drops the unused path actions.
 * Admin-equivalent principals are left to TT-IAM-011: for them every path is open, and one finding says it.
 */
public final class PrivilegeEscalationPath implements Rule {

    public static final String ID = "TT-IAM-010";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EscalationPaths paths;

    public PrivilegeEscalationPath() {
        this(EscalationPaths.loadDefault());
    }

    public PrivilegeEscalationPath(EscalationPaths paths) {
        this.paths = paths;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        if (!ctx.hasIamSnapshot()) return List.of();
        List<Finding> out = new ArrayList<>();
        for (RoleGrant role : ctx.roles()) {
            if (role.serviceLinked()) continue;
            out.addAll(judge(ctx, info, role.arn(), ctx.grantsOf(role), roleUse(ctx, role.arn()), role.createDate()));
        }
        for (UserGrant user : ctx.users()) {
            List<UsedAction> use = ctx.used().of(UsedAction.USER, user.arn());
            out.addAll(judge(ctx, info, user.arn(), ctx.grantsOf(user), use, user.createDate()));
        }
        return out;
    }

    /** The role's own sessions plus the workloads that got their credentials from it. */
    static List<UsedAction> roleUse(FindingContext ctx, String roleArn) {
        List<UsedAction> use = new ArrayList<>(ctx.used().ofRole(roleArn));
        for (WorkloadSummary w : ctx.used().workloadsOfRole(roleArn)) {
            use.addAll(ctx.used().ofWorkload(w.cluster(), w.namespace(), w.serviceAccount()));
        }
        return use;
    }

    private List<Finding> judge(
            FindingContext ctx,
            RuleInfo info,
            String arn,
            EffectiveGrants grants,
            List<UsedAction> use,
            Instant created) {
        List<Finding> out = new ArrayList<>();
        if (AdminEquivalence.adminEquivalent(grants, ctx.catalog())) {
            // every path is open to an administrator: TT-IAM-011 says so once, rather than one finding per path
            return out;
        }
        for (EscalationPathMatcher.Match m : EscalationPathMatcher.matches(grants, paths.paths())) {
            EscalationPath p = m.path();
            Map<String, List<UsedAction>> usedByAction = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (UsedAction u : use) {
                if (u.denied()) continue;
                for (String a : p.actions()) {
                    if (a.equalsIgnoreCase(u.action())) {
                        usedByAction.computeIfAbsent(a, k -> new ArrayList<>()).add(u);
                    }
                }
            }
            List<String> unused = p.actions().stream()
                    .filter(a -> !usedByAction.containsKey(a))
                    .toList();
            boolean noneUsed = usedByAction.isEmpty();
            Severity severity = noneUsed ? Severity.CRITICAL : Severity.HIGH;
            boolean sure = ctx.windowLongEnough() && ctx.existedAllWindow(created) && !m.conditional();
            Confidence confidence = noneUsed && sure ? Confidence.HIGH : Confidence.MEDIUM;

            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("pathId", p.id());
            facts.put("pathName", p.name());
            facts.put("pathUrl", p.url());
            facts.put("pathSource", p.source());
            facts.put("pathCategory", p.category());
            facts.put("usedPathActions", List.copyOf(usedByAction.keySet()));
            facts.put("unusedPathActions", unused);
            facts.put("conditional", m.conditional());
            facts.put("windowDays", ctx.window().toDays());

            String title = "Escalation path " + p.id() + " (" + p.name() + ") open to " + arn;
            String detail = "All actions of " + p.id() + " are allowed on unrestricted resources; "
                    + (noneUsed
                            ? "none of them was used in the window."
                            : usedByAction.size() + " of " + p.actions().size() + " were used.")
                    + " See " + p.url();
            out.add(Finding.of(
                    info,
                    severity,
                    confidence,
                    Finding.Subject.principal(arn, false),
                    title,
                    detail,
                    "escalation-path:" + p.id(),
                    p.actions(),
                    new Evidence(granted(m), used(usedByAction), facts),
                    recommendation(ctx, arn, m, unused)));
        }
        return out;
    }

    private static List<Evidence.Granted> granted(EscalationPathMatcher.Match m) {
        Map<String, Evidence.Granted> bySource = new TreeMap<>();
        Map<String, TreeSet<String>> actions = new TreeMap<>();
        Map<String, TreeSet<String>> resources = new TreeMap<>();
        Map<String, Grant.Source> sources = new TreeMap<>();
        m.grantsByAction().forEach((action, gs) -> {
            for (Grant g : gs) {
                for (Grant.Source s : g.sources()) {
                    String key = s.policy() + '\u0000' + s.statementIndex();
                    sources.put(key, s);
                    actions.computeIfAbsent(key, k -> new TreeSet<>()).add(g.action());
                    resources.computeIfAbsent(key, k -> new TreeSet<>()).add(g.resource());
                }
            }
        });
        sources.forEach((key, s) -> bySource.put(
                key,
                new Evidence.Granted(
                        "POLICY_STATEMENT",
                        s.policy(),
                        s.sid() != null ? s.sid() : "#" + s.statementIndex(),
                        List.copyOf(actions.get(key)),
                        List.copyOf(resources.get(key)))));
        return List.copyOf(bySource.values());
    }

    private static List<Evidence.Used> used(Map<String, List<UsedAction>> usedByAction) {
        List<Evidence.Used> out = new ArrayList<>();
        usedByAction.forEach((action, rows) -> {
            for (UsedAction u : rows) {
                out.add(new Evidence.Used(
                        u.action(),
                        u.resource(),
                        u.calls(),
                        u.firstSeen(),
                        u.lastSeen(),
                        u.samples().stream().limit(5).toList()));
            }
        });
        return out;
    }

    /**
     * REPLACE_POLICY: per granting statement, the unused path actions to remove (the principal's generated policy is
     * the replacement where this run wrote one). When every path action was used, the path is needed as granted and
     * only a review can decide: REVIEW.
     */
    private static Recommendation recommendation(
            FindingContext ctx, String arn, EscalationPathMatcher.Match m, List<String> unused) {
        String file = ctx.policyFile(arn).orElse(null);
        if (unused.isEmpty()) {
            return new Recommendation(
                    RecommendationKind.REVIEW,
                    "Every action of " + m.path().id() + " was used: scope the resources to the ones used and review"
                            + " " + m.path().url(),
                    file,
                    null,
                    null);
        }
        ObjectNode patch = JSON.createObjectNode();
        patch.put("principal", arn);
        patch.put("path", m.path().id());
        ArrayNode edits = patch.putArray("removeActions");
        Map<String, TreeSet<String>> byStatement = new TreeMap<>();
        for (String a : unused) {
            for (Grant g : m.grantsByAction().get(a)) {
                for (Grant.Source s : g.sources()) {
                    String where = s.policy() + " " + (s.sid() != null ? s.sid() : "#" + s.statementIndex());
                    byStatement.computeIfAbsent(where, k -> new TreeSet<>()).add(g.action());
                }
            }
        }
        byStatement.forEach((where, actions) -> {
            ObjectNode e = edits.addObject();
            int cut = where.lastIndexOf(' ');
            e.put("policy", where.substring(0, cut));
            e.put("statement", where.substring(cut + 1));
            ArrayNode list = e.putArray("actions");
            actions.forEach(list::add);
        });
        return new Recommendation(
                RecommendationKind.REPLACE_POLICY,
                "Drop the unused path actions " + unused + (file != null ? "; the generated policy is " + file : ""),
                file,
                patch.toPrettyString(),
                "json");
    }
}
