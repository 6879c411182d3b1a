package io.trailtailor.flink.stream;

/**
 * Names of the Flink accumulators the analyze job keeps; the driver turns them into {@code summary.json}. Counted
 * where the records are, so the figures hold on a real cluster as well as embedded.
 */
public final class Counters {

    public static final String CLOUDTRAIL_FILES = "input.cloudtrailFiles";
    public static final String AUDIT_FILES = "input.auditFiles";
    public static final String SKIPPED_FILES = "input.skippedFiles";
    public static final String QUARANTINED_FILES = "input.quarantinedFiles";
    public static final String RECORDS_READ = "input.recordsRead";
    public static final String API_CALLS_READ = "input.apiCallsRead";
    public static final String AUDIT_EVENTS_READ = "input.auditEventsRead";
    public static final String QUARANTINED_RECORDS = "input.quarantinedRecords";
    public static final String SKIPPED_RECORDS = "input.skippedRecords";
    public static final String BYTES_READ = "input.bytesRead";
    /** CloudTrail records whose time came from a log shipper's field (ShipperTime): eventTime was dropped. */
    public static final String TIME_FROM_SHIPPER_FIELD = "input.timeFromShipperField";

    public static final String API_CALL_DUPLICATES = "input.apiCallDuplicates";
    public static final String AUDIT_DUPLICATES = "input.auditEventDuplicates";
    public static final String API_CALLS_KEPT = "input.cloudtrailRecords";
    public static final String AUDIT_EVENTS_KEPT = "input.auditEvents";
    public static final String CALLS_DENIED = "calls.denied";
    public static final String FIRST_EVENT = "window.from";
    public static final String LAST_EVENT = "window.to";

    // Attribution stage (identity): one counter per summary field.
    public static final String SESSIONS_IRSA = "sessions.irsa";
    public static final String SESSIONS_POD_IDENTITY = "sessions.podIdentity";
    public static final String SESSIONS_INSTANCE_PROFILE = "sessions.instanceProfile";
    public static final String SESSIONS_OTHER = "sessions.other";
    public static final String CALLS_ATTRIBUTED_TO_WORKLOAD = "calls.attributedToWorkload";
    public static final String CALLS_UNATTRIBUTED = "calls.unattributed";
    public static final String WORKLOADS = "workloads";
    /** A list: each issuer's naming decision as JSON (IssuerInference.Decision), for {@code clusters.issuers}. */
    public static final String CLUSTER_ISSUERS = "clusters.issuers";

    // Usage and policy stage.
    public static final String ROLES = "roles";
    public static final String POLICIES = "policies";
    /** S3 key prefixes collapsed into patterns, over all policies (threshold and budget). */
    public static final String POLICY_WIDENINGS = "policies.widenings";
    /** Principals whose policy still needs more than one document. */
    public static final String POLICIES_OVER_BUDGET = "policies.overBudget";

    public static final String UNMAPPED_EVENTS = "unmappedEvents";
    public static final String RBAC_PRINCIPALS = "rbacPrincipals";

    private Counters() {}
}
