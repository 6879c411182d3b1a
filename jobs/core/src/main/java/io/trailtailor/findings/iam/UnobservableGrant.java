package io.trailtailor.findings.iam;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.grants.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TT-IAM-006: granted actions the input cannot show, per data-event kind: no call of the kind appears anywhere in
 * the input, so their absence proves nothing. {@code iam:PassRole} is unobservable only while no pass of a role
 * appears in request parameters; otherwise TT-IAM-016 judges it.
 */
public final class UnobservableGrant implements Rule {

    @Override
    public String id() {
        return "TT-IAM-006";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        Coverage coverage = Coverage.of(ctx.used());
        boolean passesSeen =
                ctx.used().actions().stream().anyMatch(a -> a.action().equalsIgnoreCase(Coverage.PASS_ROLE));
        for (Judged j : Judgements.of(ctx)) {
            Map<String, List<Grant>> byKind = new TreeMap<>();
            for (Grant g : j.grants().grants()) {
                if (coverage.observable(g.action())) continue;
                if (g.action().equalsIgnoreCase(Coverage.PASS_ROLE) && passesSeen) continue;
                byKind.computeIfAbsent(Coverage.kindOf(g.action()).orElseThrow(), k -> new ArrayList<>())
                        .add(g);
            }
            byKind.forEach((kind, grants) -> {
                Set<String> actions = new TreeSet<>();
                grants.forEach(g -> actions.add(g.action()));
                Map<String, Object> facts = Evidences.facts(ctx, j);
                facts.put("kind", kind);
                facts.put("grantedActions", actions.size());
                boolean never = kind.equals(Coverage.NEVER_LOGGED);
                out.add(Finding.of(
                        info,
                        Severity.INFO,
                        Confidence.LOW,
                        j.subject(),
                        actions.size() + " " + kind + " actions cannot be judged",
                        j.who() + " is granted " + String.join(", ", actions)
                                + (never
                                        ? ", which CloudTrail never logs."
                                        : "; the input holds no " + kind
                                                + " data event at all, so it cannot show whether they are used."),
                        Evidences.grantKey(grants),
                        List.copyOf(actions),
                        new Evidence(Evidences.granted(grants), List.of(), facts),
                        Recommendation.of(
                                RecommendationKind.REVIEW,
                                never
                                        ? "Review by hand: the logs cannot show this use"
                                        : "Enable CloudTrail data events for " + kind
                                                + " and run again, or review by hand")));
            });
        }
        return out;
    }
}
