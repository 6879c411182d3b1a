package io.trailtailor.catalog;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One IAM action with its canonical spelling, access levels, the resource types it can be scoped to, its
 * action-level condition keys and the actions it may additionally need (dependent actions).
 */
public record ActionInfo(
        String service,
        String name,
        Set<AccessLevel> accessLevels,
        List<ActionResource> resourceTypes,
        List<String> conditionKeys,
        List<String> dependentActions,
        Optional<String> description) {

    public ActionInfo {
        accessLevels = Collections.unmodifiableSet(EnumSet.copyOf(accessLevels));
        resourceTypes = resourceTypes == null ? List.of() : List.copyOf(resourceTypes);
        conditionKeys = conditionKeys == null ? List.of() : List.copyOf(conditionKeys);
        dependentActions = dependentActions == null ? List.of() : List.copyOf(dependentActions);
        description = description == null ? Optional.empty() : description;
    }

    /** {@code service:Name}, e.g. {@code eks:CreateAddon}. */
    public String qualifiedName() {
        return service + ":" + name;
    }

    /** True when the action supports no resource-level scoping: a policy must use {@code "Resource": "*"}. */
    public boolean wildcardOnly() {
        return resourceTypes.isEmpty();
    }

    /** Permissions management, then tagging, then the single remaining level. */
    public AccessLevel primaryAccessLevel() {
        return AccessLevel.primary(accessLevels);
    }

    /** The resource entry for a resource type name (case-insensitive), if the action can be scoped to it. */
    public Optional<ActionResource> resource(String resourceType) {
        return resourceTypes.stream()
                .filter(r -> r.resourceType().equalsIgnoreCase(resourceType))
                .findFirst();
    }
}
