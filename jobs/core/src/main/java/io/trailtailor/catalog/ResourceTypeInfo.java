package io.trailtailor.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A resource type of one service with its ARN template(s), e.g. {@code eks:addon} →
 * {@code arn:${Partition}:eks:${Region}:${Account}:addon/${ClusterName}/${AddonName}/${UUID}}.
 */
public record ResourceTypeInfo(String service, String name, List<String> arnTemplates, List<String> conditionKeys) {

    public ResourceTypeInfo {
        arnTemplates = List.copyOf(arnTemplates);
        conditionKeys = conditionKeys == null ? List.of() : List.copyOf(conditionKeys);
        if (arnTemplates.isEmpty()) {
            throw new IllegalArgumentException("Resource type " + service + ":" + name + " has no ARN template");
        }
    }

    /** {@code service:name}, e.g. {@code s3:object}. */
    public String qualifiedName() {
        return service + ":" + name;
    }

    /** The primary (first) ARN template. */
    public String arnTemplate() {
        return arnTemplates.get(0);
    }

    /** Recognises concrete ARNs of the primary template; variables other than partition, region and account may span '/'. */
    public Pattern arnPattern() {
        return ArnTemplate.of(arnTemplate()).pattern();
    }

    /** True when any of the templates matches the ARN. */
    public boolean matches(String arn) {
        for (String t : arnTemplates) { // a loop, not a stream: asked per request ARN of every call
            if (ArnTemplate.of(t).matches(arn)) {
                return true;
            }
        }
        return false;
    }

    /** Variables of all templates in order of appearance, e.g. [Partition, Region, Account, ClusterName, AddonName, UUID]. */
    public List<String> variables() {
        Set<String> vars = new LinkedHashSet<>();
        arnTemplates.forEach(t -> vars.addAll(ArnTemplate.of(t).variables()));
        return List.copyOf(vars);
    }

    /** The variables of the primary template that {@code values} does not fill. */
    public List<String> missingVariables(Map<String, String> values) {
        return ArnTemplate.of(arnTemplate()).variables().stream()
                .filter(v -> values.get(v) == null)
                .toList();
    }

    /**
     * Renders the primary template, putting {@code missingValue} (typically {@code "*"}) wherever {@code values} has
     * no entry, so the result never contains a {@code ${...}} placeholder.
     */
    public String render(Map<String, String> values, String missingValue) {
        return ArnTemplate.of(arnTemplate()).render(values, missingValue);
    }
}
