package io.trailtailor.catalog;

import io.trailtailor.event.ApiCall;

/**
 * Maps one CloudTrail record to the IAM actions and resources it needed: {@code prefix:eventName} when the catalog
 * has it, curated exceptions from {@code iam/cloudtrail-overrides.json}, resource ARNs rendered from the catalog's
 * templates, and actions CloudTrail never logs (iam:PassRole, tag-on-create). Thread-safe and side-effect free.
 */
public interface CloudTrailActionMapper {

    MappingResult map(ApiCall call);

    /** The mapper over a catalog with the committed overrides. */
    static CloudTrailActionMapper create(IamCatalog catalog) {
        return new DefaultCloudTrailActionMapper(catalog, MappingOverrides.loadDefault());
    }

    static CloudTrailActionMapper create(IamCatalog catalog, MappingOverrides overrides) {
        return new DefaultCloudTrailActionMapper(catalog, overrides);
    }
}
