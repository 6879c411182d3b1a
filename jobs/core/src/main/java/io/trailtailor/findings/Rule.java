package io.trailtailor.findings;

import java.util.List;

/**
 * One rule of the FINDINGS.md catalog: reads the granted and the used side from the context and says what is over-
 * privileged. A rule is silent when its input is absent (no IAM snapshot, no cluster snapshot): it never guesses.
 */
public interface Rule {

    /** The contract's rule id, e.g. {@code TT-IAM-001}; the registry entry of the same id describes it. */
    String id();

    List<Finding> evaluate(FindingContext context, RuleInfo info);
}
