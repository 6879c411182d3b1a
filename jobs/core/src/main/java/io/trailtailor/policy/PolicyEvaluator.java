package io.trailtailor.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Evaluates identity-based policy documents for one request (action, resource), the way IAM combines statements
 * within and across the policies of one principal: an explicit Deny wins, otherwise any Allow allows, otherwise the
 * request is implicitly denied. Supports Action/NotAction, Resource/NotResource and IAM wildcards
 * ({@link IamWildcards}). Conditions are not evaluated: a statement with a Condition is treated as applying, so an
 * Allow answer is an upper bound ("may be allowed") for conditional grants. Permission boundaries, SCPs, session
 * and resource policies are out of scope.
 */
public final class PolicyEvaluator {

    /** The outcome for one request. */
    public enum Decision {
        ALLOWED,
        EXPLICIT_DENY,
        IMPLICIT_DENY
    }

    private final List<PolicyStatement> statements;

    public PolicyEvaluator(Collection<PolicyDocument> documents) {
        List<PolicyStatement> all = new ArrayList<>();
        documents.forEach(d -> all.addAll(d.statements()));
        this.statements = List.copyOf(all);
    }

    public static PolicyEvaluator of(PolicyDocument... documents) {
        return new PolicyEvaluator(List.of(documents));
    }

    public Decision evaluate(String action, String resource) {
        boolean allowed = false;
        for (PolicyStatement s : statements) {
            if (!s.appliesTo(action, resource)) continue;
            if (s.effect() == Effect.DENY) return Decision.EXPLICIT_DENY;
            allowed = true;
        }
        return allowed ? Decision.ALLOWED : Decision.IMPLICIT_DENY;
    }

    public boolean isAllowed(String action, String resource) {
        return evaluate(action, resource) == Decision.ALLOWED;
    }
}
