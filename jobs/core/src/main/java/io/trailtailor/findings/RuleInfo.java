package io.trailtailor.findings;

import java.util.List;

/**
 * A rule as the registry ({@code findings/rules.json}) describes it: the contract's rule id and type, the default
 * severity, the words a report shows, the recommendation kinds it may give and the anchors' ids for the nearest check
 * elsewhere (Access Analyzer, cloudsplaining, Prowler, Kubescape ...).
 */
public record RuleInfo(
        String rule,
        String type,
        Severity severity,
        String title,
        String description,
        List<RecommendationKind> recommendationKinds,
        List<String> references) {

    public RuleInfo {
        recommendationKinds = List.copyOf(recommendationKinds);
        references = List.copyOf(references);
    }
}
