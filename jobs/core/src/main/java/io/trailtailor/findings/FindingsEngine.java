package io.trailtailor.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every registered rule over one context and returns the findings in report order: severity, rule, principal,
 * workload, fingerprint. Ids are unique: two findings with one fingerprint are one finding (the first is kept).
 */
public final class FindingsEngine {

    /** Report order: most severe first, then rule, then what the finding is about. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::rule)
            .thenComparing(f -> nullToEmpty(f.principalArn()))
            .thenComparing(f -> nullToEmpty(f.cluster()))
            .thenComparing(f -> nullToEmpty(f.namespace()))
            .thenComparing(f -> nullToEmpty(f.serviceAccount()))
            .thenComparing(Finding::fingerprint);

    private final RuleRegistry registry;

    public FindingsEngine(RuleRegistry registry) {
        this.registry = registry;
    }

    /** The engine over {@code findings/rules.json} with every rule it names. */
    public static FindingsEngine loadDefault() {
        return new FindingsEngine(RuleRegistry.loadDefault());
    }

    public RuleRegistry registry() {
        return registry;
    }

    public List<Finding> evaluate(FindingContext context) {
        List<Finding> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RuleRegistry.Entry e : registry.entries()) {
            for (Finding f : e.rule().evaluate(context, e.info())) {
                if (seen.add(f.fingerprint())) {
                    out.add(f);
                }
            }
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
