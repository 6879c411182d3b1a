package io.trailtailor.findings.workload;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.grants.RoleGrant;
import io.trailtailor.grants.WebIdentityTrust;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * TT-WID-002 TRUST_POLICY_WILDCARD_SUBJECT: an IRSA trust whose {@code :sub} is a {@code StringLike} pattern with
 * {@code *} or {@code ?} admits every service account the pattern matches (HIGH); the fix lists exactly the subjects
 * seen using the role. A {@code *} inside {@code StringEquals} is literal and never matches a real token: the
 * statement admits nobody (INFO), the fix is the right operator with the intended subjects.
 */
public final class TrustPolicyWildcardSubject implements Rule {

    public static final String ID = "TT-WID-002";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        if (!ctx.hasIamSnapshot()) return List.of();
        List<Finding> out = new ArrayList<>();
        for (RoleGrant role : ctx.roles()) {
            for (WebIdentityTrust t : WebIdentityTrust.of(role.trust())) {
                List<String> wild = t.wildcardSubjectPatterns();
                boolean dead = t.subjectNeverMatches();
                if (wild.isEmpty() && !dead) continue;
                out.add(finding(ctx, info, role, t, dead ? t.literalWildcardSubjects() : wild, dead));
            }
        }
        return out;
    }

    private static Finding finding(
            FindingContext ctx,
            RuleInfo info,
            RoleGrant role,
            WebIdentityTrust t,
            List<String> patterns,
            boolean dead) {
        TreeSet<String> observed = IrsaTrustMissingSub.observedSubjects(ctx, role.arn(), t.issuer());
        // Only the observed subjects the current trust really admits: the narrowing must not widen anything.
        TreeSet<String> seen =
                new TreeSet<>(WebIdentityTrust.admittedSubjects(role.trust(), t.providerArn(), observed));
        TreeSet<String> proposed =
                dead || seen.isEmpty() ? IrsaTrustMissingSub.annotatedSubjects(ctx, role.arn()) : seen;
        int index = role.trust().statements().indexOf(t.statement());
        String statement = t.statement().sid() != null ? t.statement().sid() : "#" + index;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("issuer", t.issuer());
        facts.put("subjectPatterns", patterns);
        facts.put("subjectsSeen", List.copyOf(seen));
        facts.put("neverMatches", dead);
        facts.put("windowDays", ctx.window().toDays());
        String title = dead
                ? "IRSA trust of " + role.name() + " can never match: '*' inside StringEquals is literal"
                : "IRSA trust of " + role.name() + " admits any service account matching " + patterns;
        Recommendation rec = proposed.isEmpty()
                ? Recommendation.of(
                        RecommendationKind.SCOPE_TRUST,
                        "Replace the " + t.subKey() + " patterns by StringEquals on the service accounts that need"
                                + " the role")
                : new Recommendation(
                        RecommendationKind.SCOPE_TRUST,
                        "Narrow " + t.subKey() + " to " + proposed + " with StringEquals",
                        null,
                        IrsaTrustPatch.render(t.providerArn(), t.issuer(), proposed),
                        "json");
        return Finding.of(
                info,
                dead ? Severity.INFO : Severity.HIGH,
                dead || ctx.windowLongEnough() ? Confidence.HIGH : Confidence.MEDIUM,
                Finding.Subject.principal(role.arn(), false),
                title,
                "Statement " + statement + " conditions " + t.subKey() + " on " + patterns + "; seen: " + seen,
                "trust:" + statement + ":" + t.providerArn(),
                List.of(WebIdentityTrust.ACTION),
                new Evidence(
                        List.of(new Evidence.Granted(
                                "TRUST_STATEMENT",
                                role.arn(),
                                statement,
                                t.statement().actions(),
                                patterns)),
                        List.of(),
                        facts),
                rec);
    }
}
