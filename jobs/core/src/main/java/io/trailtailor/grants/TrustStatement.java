package io.trailtailor.grants;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.policy.Effect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One statement of a role's trust policy (a resource policy on the role): who ({@code Principal} or
 * {@code NotPrincipal}, by type {@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}, or {@code *}
 * for everyone) may do which {@code sts:} action under which conditions (operator → key → values, as written).
 */
public record TrustStatement(
        String sid,
        Effect effect,
        Map<String, List<String>> principals,
        boolean notPrincipal,
        List<String> actions,
        List<String> notActions,
        Map<String, Map<String, List<String>>> conditions) {

    /** The principal type a bare {@code "Principal": "*"} is stored under. */
    public static final String ANYONE = "*";

    public TrustStatement {
        principals = Map.copyOf(principals);
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
        conditions = Map.copyOf(conditions);
    }

    static TrustStatement fromJson(JsonNode s) {
        boolean not = !s.has("Principal") && s.has("NotPrincipal");
        JsonNode p = not ? s.path("NotPrincipal") : s.path("Principal");
        Map<String, List<String>> principals = new LinkedHashMap<>();
        if (p.isTextual()) principals.put(ANYONE, List.of(p.asText()));
        else p.fields().forEachRemaining(e -> principals.put(e.getKey(), strings(e.getValue())));
        return new TrustStatement(
                s.hasNonNull("Sid") ? s.get("Sid").asText() : null,
                Effect.fromJson(s.path("Effect").asText()),
                principals,
                not,
                strings(s.path("Action")),
                strings(s.path("NotAction")),
                conditions(s.path("Condition")));
    }

    static Map<String, Map<String, List<String>>> conditions(JsonNode c) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        c.fields().forEachRemaining(op -> {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            op.getValue().fields().forEachRemaining(k -> keys.put(k.getKey(), strings(k.getValue())));
            out.put(op.getKey(), keys);
        });
        return out;
    }

    static List<String> strings(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return List.of();
        if (!n.isArray()) return List.of(n.asText());
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Values of one principal type (exact type spelling, as IAM requires), empty when absent. */
    public List<String> principals(String type) {
        return principals.getOrDefault(type, List.of());
    }

    /** Values of a condition key under one operator, the key compared case-insensitively. */
    public List<String> conditionValues(String operator, String key) {
        Map<String, List<String>> keys = conditions.get(operator);
        if (keys == null) return List.of();
        List<String> out = new ArrayList<>();
        keys.forEach((k, v) -> {
            if (k.equalsIgnoreCase(key)) out.addAll(v);
        });
        return out;
    }

    /** Whether any operator constrains the key (compared case-insensitively). */
    public boolean hasConditionKey(String key) {
        return conditions.values().stream()
                .anyMatch(keys -> keys.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key)));
    }
}
