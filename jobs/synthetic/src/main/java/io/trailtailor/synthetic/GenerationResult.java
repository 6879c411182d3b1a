package io.trailtailor.synthetic;

import java.nio.file.Path;

/**
 * What {@link Generator#generate} wrote: distinct CloudTrail records, records written including redelivered
 * duplicates, audit events, log files per source, non-log files an ingester must skip (digests, the export
 * permission probe), and where the ground truth lives.
 */
public record GenerationResult(
        long cloudTrailRecords,
        long cloudTrailRecordsWritten,
        long duplicates,
        long auditEvents,
        int cloudTrailFiles,
        int auditFiles,
        int skippedFiles,
        Path truthDir) {}
