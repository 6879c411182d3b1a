package io.trailtailor.findings.iam;

import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.policy.Effect;
import io.trailtailor.policy.IamWildcards;
import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * TT-IAM-016: {@code iam:PassRole} allowed on wildcard roles or without an {@code iam:PassedToService} condition.
 * CloudTrail never logs PassRole itself, so use is what the request parameters of other calls passed (the
 * {@code iam:PassRole} usage rows: resource = the role passed, {@code passedToServices}); the patch scopes the
 * statement to exactly those roles and services.
 */
public final class PassRoleUnscoped implements Rule {

    static final String PASSED_TO_SERVICE = "iam:PassedToService";

    @Override
    public String id() {
        return "TT-IAM-016";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (Judged j : Judgements.of(ctx)) {
            if (!j.grants().allows(Coverage.PASS_ROLE)) continue;
            for (Statements.Located s : Statements.allows(ctx, j.principalArn())) {
                PolicyStatement st = s.statement();
                boolean grants = st.actions().isEmpty()
                        ? st.notActions().stream().noneMatch(p -> IamWildcards.actionMatches(p, Coverage.PASS_ROLE))
                        : st.actions().stream().anyMatch(p -> IamWildcards.actionMatches(p, Coverage.PASS_ROLE));
                if (!grants) continue;
                List<String> resources = st.resources().isEmpty() ? List.of("*") : st.resources();
                boolean wildcard = resources.stream().anyMatch(IamWildcards::hasWildcard);
                boolean serviceScoped = st.conditions().values().stream()
                        .anyMatch(m -> m.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(PASSED_TO_SERVICE)));
                if (!wildcard && serviceScoped) continue;
                out.add(finding(ctx, info, j, s, resources, wildcard, serviceScoped));
            }
        }
        return out;
    }

    private static Finding finding(
            FindingContext ctx,
            RuleInfo info,
            Judged j,
            Statements.Located s,
            List<String> resources,
            boolean wildcard,
            boolean serviceScoped) {
        List<UsedAction> passes = j.usedOf(Coverage.PASS_ROLE);
        List<String> roles = Fixes.resources(passes);
        Set<String> services = new TreeSet<>();
        passes.forEach(p -> services.addAll(p.passedToServices()));
        Map<String, Object> facts = Evidences.facts(ctx, j);
        facts.put("rolesPassed", roles);
        facts.put("passedToServices", List.copyOf(services));
        facts.put("wildcardResource", wildcard);
        facts.put("passedToServiceCondition", serviceScoped);
        String problem = wildcard && !serviceScoped
                ? "on " + String.join(", ", resources) + " without " + PASSED_TO_SERVICE
                : wildcard ? "on " + String.join(", ", resources) : "without " + PASSED_TO_SERVICE;
        Recommendation fix;
        if (roles.isEmpty()) {
            fix = Fixes.replacePolicy(ctx, j, "No role was passed in the window: remove iam:PassRole");
        } else {
            Map<String, Map<String, List<String>>> cond = services.isEmpty()
                    ? Map.of()
                    : Map.of("StringEquals", Map.of(PASSED_TO_SERVICE, List.copyOf(services)));
            PolicyStatement scoped =
                    new PolicyStatement("PassRole", Effect.ALLOW, List.of(Coverage.PASS_ROLE), null, roles, null, cond);
            fix = new Recommendation(
                    RecommendationKind.SCOPE_RESOURCES,
                    "Scope iam:PassRole to the roles passed"
                            + (services.isEmpty() ? "" : " and the services they went to"),
                    ctx.policyFile(j.policyKey()).orElse(null),
                    PolicyDocument.of(List.of(scoped)).toJson(),
                    "json");
        }
        return Finding.of(
                info,
                Severity.HIGH,
                j.confidence(),
                j.subject(),
                "iam:PassRole " + problem,
                j.who() + " may pass roles " + problem + " (" + s.policy() + " statement " + s.label() + "); "
                        + (roles.isEmpty() ? "it passed none" : "it passed " + String.join(", ", roles)) + ".",
                s.policy() + "#" + s.label(),
                List.of(Coverage.PASS_ROLE),
                new Evidence(
                        List.of(new Evidence.Granted("POLICY_STATEMENT", s.policy(), s.label(), st(s), resources)),
                        Evidences.used(passes),
                        facts),
                fix);
    }

    private static List<String> st(Statements.Located s) {
        return s.statement().actions().isEmpty()
                ? List.of("NotAction")
                : s.statement().actions();
    }
}
