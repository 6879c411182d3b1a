package io.trailtailor.catalog;

import java.util.List;
import java.util.Map;

/** One IAM service prefix: its display name, action names, resource type names and condition key types. */
public record ServiceInfo(
        String prefix,
        String name,
        List<String> actionNames,
        List<String> resourceTypeNames,
        Map<String, String> conditionKeyTypes) {

    public ServiceInfo {
        actionNames = List.copyOf(actionNames);
        resourceTypeNames = List.copyOf(resourceTypeNames);
        conditionKeyTypes = Map.copyOf(conditionKeyTypes);
    }
}
