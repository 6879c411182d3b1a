package io.trailtailor.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One IAM action a CloudTrail event shows was needed, with the resources it was needed on.
 *
 * @param action canonical {@code prefix:Action}, e.g. {@code s3:GetObject}; always present in the catalog
 * @param resourceArns concrete ARNs (sorted, no {@code ${...}} placeholders) or exactly {@code ["*"]}
 * @param origin which rule produced it, so a reviewer can audit why it was granted
 * @param note why the resources are what they are (wildcards, fallbacks, conditions worth adding); may be empty
 */
public record RequiredAction(String action, List<String> resourceArns, Origin origin, String note) {

    /** Where a required action came from. */
    public enum Origin {
        /** {@code prefix:eventName} exists in the catalog. */
        DEFAULT_RULE,
        /** A curated entry of {@code iam/cloudtrail-overrides.json} maps the event to this action. */
        OVERRIDE,
        /** Not logged by CloudTrail but needed by the call: iam:PassRole, tag-on-create, version-specific access. */
        IMPLIED
    }

    /** The resource list meaning "all resources". */
    public static final List<String> ALL_RESOURCES = List.of("*");

    public RequiredAction {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(origin, "origin");
        resourceArns = resourceArns == null || resourceArns.isEmpty() ? ALL_RESOURCES : List.copyOf(resourceArns);
        note = note == null ? "" : note;
    }

    /** True when the action could not be (or cannot be) scoped below {@code "*"}. */
    public boolean allResources() {
        return resourceArns.contains("*");
    }
}
