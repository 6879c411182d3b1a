package io.trailtailor.grants;

import io.trailtailor.grants.ConditionEvaluator.Result;
import io.trailtailor.policy.Effect;
import io.trailtailor.policy.IamWildcards;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a trust policy lets a principal assume the role: an applicable Deny wins, else an applicable Allow
 * allows, else implicit deny. "Applicable" means principal, action and every condition match. A condition the
 * {@link ConditionEvaluator} cannot decide makes the answer {@link Decision#UNDETERMINED} rather than a guess.
 */
public final class TrustEvaluator {

    /** The outcome for one request. */
    public enum Decision {
        ALLOWED,
        EXPLICIT_DENY,
        IMPLICIT_DENY,
        UNDETERMINED
    }

    private static final Pattern ACCOUNT_ROOT = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):root");
    private static final Pattern ARN_ACCOUNT = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:[^:]*:(\\d{12}):.*");

    private TrustEvaluator() {}

    public static Decision evaluate(TrustPolicy policy, AssumeRequest request) {
        boolean allowed = false;
        boolean unknown = false;
        for (TrustStatement s : policy.statements()) {
            if (!principalMatches(s, request) || !actionMatches(s, request.action())) continue;
            Result c = ConditionEvaluator.evaluate(s.conditions(), request.context());
            if (c == Result.FALSE) continue;
            if (s.effect() == Effect.DENY) {
                if (c == Result.TRUE) return Decision.EXPLICIT_DENY;
                unknown = true;
            } else if (c == Result.TRUE) {
                allowed = true;
            } else {
                unknown = true;
            }
        }
        if (unknown) return Decision.UNDETERMINED;
        return allowed ? Decision.ALLOWED : Decision.IMPLICIT_DENY;
    }

    public static boolean allows(TrustPolicy policy, AssumeRequest request) {
        return evaluate(policy, request) == Decision.ALLOWED;
    }

    static boolean actionMatches(TrustStatement s, String action) {
        if (!s.actions().isEmpty()) return s.actions().stream().anyMatch(p -> IamWildcards.actionMatches(p, action));
        return s.notActions().stream().noneMatch(p -> IamWildcards.actionMatches(p, action));
    }

    static boolean principalMatches(TrustStatement s, AssumeRequest r) {
        boolean listed = s.principals(TrustStatement.ANYONE).contains("*")
                || s.principals(r.principalType()).stream().anyMatch(v -> principalValueMatches(r, v));
        return s.notPrincipal() != listed;
    }

    private static boolean principalValueMatches(AssumeRequest r, String value) {
        if (value.equals("*")) return true;
        if (r.principalType().equals("Service")) return value.equalsIgnoreCase(r.principal());
        if (!r.principalType().equals("AWS")) return value.equals(r.principal());
        if (value.equals(r.principal())) return true;
        // An account (id or :root) in Principal stands for every principal of that account.
        String account = value.matches("\\d{12}") ? value : group(ACCOUNT_ROOT.matcher(value));
        return account != null && account.equals(group(ARN_ACCOUNT.matcher(r.principal())));
    }

    private static String group(Matcher m) {
        return m.matches() ? m.group(1) : null;
    }

    /** The statements that could let someone of this principal type assume the role via this action. */
    static List<TrustStatement> allowStatementsFor(TrustPolicy policy, String principalType, String action) {
        return policy.statements().stream()
                .filter(s -> s.effect() == Effect.ALLOW)
                .filter(s -> !s.principals(principalType).isEmpty()
                        || !s.principals(TrustStatement.ANYONE).isEmpty())
                .filter(s -> actionMatches(s, action))
                .toList();
    }
}
