package io.trailtailor.grants;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates an IAM {@code Condition} block against a request context, as the IAM User Guide's "Condition operators"
 * and "Multivalued context keys" pages describe: all operators must hold (AND), all keys of an operator must hold
 * (AND), any value of a key may match (OR). Key names are case-insensitive; {@code String*} values are
 * case-sensitive unless the operator says {@code IgnoreCase}; {@code *}/{@code ?} are wildcards only in
 * {@code StringLike}/{@code StringNotLike}/{@code ArnLike}/{@code ArnNotLike}/{@code ArnEquals} (in
 * {@code StringEquals} they are literal). A missing key makes a condition false, except for negated operators
 * ({@code StringNotEquals}, {@code ArnNotLike}, ...), {@code ...IfExists}, {@code ForAllValues:} and
 * {@code Null: true}, which hold. Operators it does not know (Date*, IpAddress, Binary) give {@link Result#UNKNOWN}.
 */
public final class ConditionEvaluator {

    /** Three-valued: an operator we cannot evaluate must not be mistaken for either answer. */
    public enum Result {
        TRUE,
        FALSE,
        UNKNOWN;

        Result and(Result o) {
            if (this == FALSE || o == FALSE) return FALSE;
            return this == UNKNOWN || o == UNKNOWN ? UNKNOWN : TRUE;
        }

        static Result of(boolean b) {
            return b ? TRUE : FALSE;
        }
    }

    private ConditionEvaluator() {}

    /** The whole block; {@code context} maps key → values (one for single-valued keys), key case ignored. */
    public static Result evaluate(
            Map<String, Map<String, List<String>>> conditions, Map<String, List<String>> context) {
        Result r = Result.TRUE;
        for (Map.Entry<String, Map<String, List<String>>> op : conditions.entrySet()) {
            for (Map.Entry<String, List<String>> key : op.getValue().entrySet()) {
                r = r.and(evaluate(op.getKey(), key.getValue(), lookup(context, key.getKey())));
                if (r == Result.FALSE) return r;
            }
        }
        return r;
    }

    /** One operator on one key: {@code requestValues} null when the key is absent from the request. */
    public static Result evaluate(String operator, List<String> policyValues, List<String> requestValues) {
        String op = operator;
        String set = "";
        int colon = op.indexOf(':');
        if (colon > 0) {
            set = op.substring(0, colon).toLowerCase(Locale.ROOT);
            op = op.substring(colon + 1);
        }
        boolean ifExists = op.toLowerCase(Locale.ROOT).endsWith("ifexists");
        if (ifExists) op = op.substring(0, op.length() - "IfExists".length());
        String base = op.toLowerCase(Locale.ROOT);
        boolean absent = requestValues == null || requestValues.isEmpty();
        if (base.equals("null")) {
            boolean wantAbsent = policyValues.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            return Result.of(wantAbsent == absent);
        }
        if (!isKnown(base)) return Result.UNKNOWN;
        boolean negated = base.contains("not");
        if (absent) {
            if (ifExists || negated || set.equals("forallvalues")) return Result.TRUE;
            return Result.FALSE;
        }
        if (set.equals("forallvalues")) {
            return Result.of(requestValues.stream().allMatch(v -> valueHolds(base, negated, policyValues, v)));
        }
        // ForAnyValue, and single-valued keys (which hold one value, or are treated as "any of" when given several)
        return Result.of(requestValues.stream().anyMatch(v -> valueHolds(base, negated, policyValues, v)));
    }

    private static boolean isKnown(String base) {
        return base.startsWith("string") || base.startsWith("arn") || base.equals("bool") || base.startsWith("numeric");
    }

    /** One request value against the policy values: positive operators match any, negated ones match none. */
    private static boolean valueHolds(String base, boolean negated, List<String> policyValues, String value) {
        String positive = base.replace("not", "");
        boolean any = policyValues.stream().anyMatch(p -> matches(positive, p, value));
        return negated != any;
    }

    private static boolean matches(String op, String policy, String value) {
        return switch (op) {
            case "stringequals" -> policy.equals(value);
            case "stringequalsignorecase" -> policy.equalsIgnoreCase(value);
            case "stringlike" -> glob(policy, false).matcher(value).matches();
            case "arnequals", "arnlike" -> arnLike(policy, value);
            case "bool" -> policy.equalsIgnoreCase(value);
            case "numericequals" -> compare(policy, value) == 0;
            case "numericlessthan" -> compare(policy, value) > 0;
            case "numericlessthanequals" -> compare(policy, value) >= 0;
            case "numericgreaterthan" -> compare(policy, value) < 0;
            case "numericgreaterthanequals" -> compare(policy, value) <= 0;
            default -> false;
        };
    }

    private static int compare(String policy, String value) {
        try {
            return new BigDecimal(policy).compareTo(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    /** ArnLike/ArnEquals: each of the six colon-separated parts matched on its own, the last one taking the rest. */
    static boolean arnLike(String policy, String value) {
        String[] p = policy.split(":", 6);
        String[] v = value.split(":", 6);
        if (policy.equals("*")) return true;
        if (p.length != v.length) return false;
        for (int i = 0; i < p.length; i++) if (!glob(p[i], false).matcher(v[i]).matches()) return false;
        return true;
    }

    /** {@code *} any run, {@code ?} one character, everything else literal. */
    static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                if (lit.length() > 0) re.append(Pattern.quote(lit.toString()));
                lit.setLength(0);
                re.append(c == '*' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) re.append(Pattern.quote(lit.toString()));
        return Pattern.compile(re.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
    }

    private static List<String> lookup(Map<String, List<String>> context, String key) {
        for (Map.Entry<String, List<String>> e : context.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) return e.getValue();
        }
        return null;
    }
}
