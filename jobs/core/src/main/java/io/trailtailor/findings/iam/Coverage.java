package io.trailtailor.findings.iam;

import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.policy.IamWildcards;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the input can show (FINDINGS.md "Coverage"): data-event kinds (S3 object, DynamoDB item, Lambda invoke, KMS
 * cryptography ...) are observable only when a call of the kind appears anywhere in the input; never-logged
 * actions never are. A grant the input cannot show is {@code UNOBSERVABLE_GRANT}, never "unused".
 */
final class Coverage {

    static final String NEVER_LOGGED = "never-logged";
    static final String PASS_ROLE = "iam:PassRole";
    private static final Map<String, List<String>> KINDS = ActionLists.read("findings/iam/coverage.txt");

    private final Set<String> observedKinds;

    private Coverage(Set<String> observedKinds) {
        this.observedKinds = Set.copyOf(observedKinds);
    }

    static Coverage of(UsedSide used) {
        Set<String> observed = new TreeSet<>();
        for (String action : used.actionsSeen()) {
            kindOf(action).filter(k -> !k.equals(NEVER_LOGGED)).ifPresent(observed::add);
        }
        return new Coverage(observed);
    }

    /** The data-event or never-logged kind of an action; empty for management events (always logged). */
    static Optional<String> kindOf(String action) {
        for (Map.Entry<String, List<String>> e : KINDS.entrySet()) {
            if (e.getValue().stream().anyMatch(p -> IamWildcards.actionMatches(p, action))) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** Whether the input could show a call of this action. */
    boolean observable(String action) {
        return kindOf(action).map(observedKinds::contains).orElse(true);
    }

    Set<String> observedKinds() {
        return observedKinds;
    }
}
