package io.trailtailor.grants.cluster;

import java.util.List;
import java.util.Map;

/** A Kubernetes label selector: {@code matchLabels} and {@code matchExpressions} (In, NotIn, Exists, DoesNotExist). */
public record LabelSelector(Map<String, String> matchLabels, List<Expression> matchExpressions) {

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    /** One {@code matchExpressions} entry. */
    public record Expression(String key, String operator, List<String> values) {
        public Expression {
            values = List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
        }
    }

    /** All requirements hold; an empty selector matches nothing here (an aggregation rule never means "all"). */
    public boolean matches(Map<String, String> labels) {
        if (matchLabels.isEmpty() && matchExpressions.isEmpty()) return false;
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) return false;
        }
        return matchExpressions.stream().allMatch(x -> x.matches(labels));
    }
}
