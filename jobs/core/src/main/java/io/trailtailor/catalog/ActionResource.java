package io.trailtailor.catalog;

import java.util.List;

/**
 * A resource type an action can be scoped to. {@code required} is the asterisk of the AWS documentation table;
 * {@code conditionKeys} are the keys valid for this action and resource type together.
 */
public record ActionResource(String resourceType, boolean required, List<String> conditionKeys) {

    public ActionResource {
        conditionKeys = conditionKeys == null ? List.of() : List.copyOf(conditionKeys);
    }
}
