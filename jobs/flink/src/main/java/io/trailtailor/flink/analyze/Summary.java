package io.trailtailor.flink.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.flink.identity.IssuerReport;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.OutputLayout;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.policy.ActionWildcards;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code summary.json}: the counts DESIGN.md names, in its field names, plus the effective options and the detail
 * that makes the input accounting checkable: {@code recordsRead = cloudtrailRecords + auditEvents + duplicates +
 * quarantinedRecords + skippedRecords}, and {@code quarantined = quarantinedRecords + quarantinedFiles}.
 */
public final class Summary {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root;

    private Summary(ObjectNode root) {
        this.root = root;
    }

    public ObjectNode json() {
        return root;
    }

    public long input(String field) {
        return root.path("input").path(field).asLong();
    }

    static Summary of(
            AnalyzeOptions o, InputLister.Listing listing, Map<String, Object> c, Instant started, Instant finished) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("command", "analyze");
        root.put("startedAt", started.toString());
        root.put("finishedAt", finished.toString());
        root.put("durationSeconds", Duration.between(started, finished).toMillis() / 1000.0);

        long quarantinedRecords = n(c, Counters.QUARANTINED_RECORDS);
        long quarantinedFiles = n(c, Counters.QUARANTINED_FILES);
        ObjectNode input = root.putObject("input");
        input.put("cloudtrailFiles", n(c, Counters.CLOUDTRAIL_FILES));
        input.put("cloudtrailRecords", n(c, Counters.API_CALLS_KEPT));
        input.put("auditFiles", n(c, Counters.AUDIT_FILES));
        input.put("auditEvents", n(c, Counters.AUDIT_EVENTS_KEPT));
        input.put("quarantined", quarantinedRecords + quarantinedFiles);
        input.put("duplicates", n(c, Counters.API_CALL_DUPLICATES) + n(c, Counters.AUDIT_DUPLICATES));
        input.put(
                "skippedFiles", n(c, Counters.SKIPPED_FILES) + listing.skipped().size());
        input.put("recordsRead", n(c, Counters.RECORDS_READ));
        input.put("quarantinedRecords", quarantinedRecords);
        input.put("quarantinedFiles", quarantinedFiles);
        input.put("skippedRecords", n(c, Counters.SKIPPED_RECORDS));
        input.put("cloudtrailDuplicates", n(c, Counters.API_CALL_DUPLICATES));
        input.put("auditDuplicates", n(c, Counters.AUDIT_DUPLICATES));
        input.put("bytesRead", n(c, Counters.BYTES_READ));
        putListingSkips(input, listing);
        input.put("timeFromShipperField", n(c, Counters.TIME_FROM_SHIPPER_FIELD));

        // Counted by the attribution and policy stages; null means "not computed by this run", never a made-up zero.
        ObjectNode sessions = root.putObject("sessions");
        putCount(sessions, "irsa", c, Counters.SESSIONS_IRSA);
        putCount(sessions, "podIdentity", c, Counters.SESSIONS_POD_IDENTITY);
        putCount(sessions, "instanceProfile", c, Counters.SESSIONS_INSTANCE_PROFILE);
        putCount(sessions, "other", c, Counters.SESSIONS_OTHER);
        ObjectNode calls = root.putObject("calls");
        calls.put("total", n(c, Counters.API_CALLS_KEPT));
        putCount(calls, "attributedToWorkload", c, Counters.CALLS_ATTRIBUTED_TO_WORKLOAD);
        putCount(calls, "unattributed", c, Counters.CALLS_UNATTRIBUTED);
        calls.put("denied", n(c, Counters.CALLS_DENIED));
        putCount(root, "workloads", c, Counters.WORKLOADS);
        putCount(root, "roles", c, Counters.ROLES);
        putCount(root, "policies", c, Counters.POLICIES);
        putCount(root, "policyWidenings", c, Counters.POLICY_WIDENINGS);
        putCount(root, "policiesOverBudget", c, Counters.POLICIES_OVER_BUDGET);
        putCount(root, "unmappedEvents", c, Counters.UNMAPPED_EVENTS);
        putCount(root, "rbacPrincipals", c, Counters.RBAC_PRINCIPALS);
        root.putNull("findings");
        root.set("clusters", IssuerReport.json(c.get(Counters.CLUSTER_ISSUERS), o.clusterSnapshots()));

        ObjectNode window = root.putObject("window");
        long first = n(c, Counters.FIRST_EVENT);
        long last = n(c, Counters.LAST_EVENT);
        if (c.containsKey(Counters.FIRST_EVENT) && first != Long.MAX_VALUE) {
            window.put("from", Instant.ofEpochMilli(first).toString());
            window.put("to", Instant.ofEpochMilli(last).toString());
        } else {
            window.putNull("from");
            window.putNull("to");
        }
        root.put("catalogVersion", IamCatalog.loadDefault().stamp().label());

        ObjectNode options = root.putObject("options");
        options.putPOJO("cloudtrail", o.cloudTrail());
        options.putPOJO("k8sAudit", o.k8sAudit());
        options.put("iamSnapshot", o.iamSnapshots().isEmpty() ? null : String.join(",", o.iamSnapshots()));
        o.iamSnapshots().forEach(options.putArray("iamSnapshots")::add);
        options.putPOJO("clusterSnapshots", o.clusterSnapshots());
        options.putPOJO("clusters", o.clusterOidcIssuers());
        options.put("from", o.from() == null ? null : o.from().toString());
        options.put("to", o.to() == null ? null : o.to().toString());
        options.putPOJO("accounts", new TreeSet<>(o.accounts()));
        options.putPOJO("regions", new TreeSet<>(o.regions()));
        options.put("out", o.out());
        options.put("parallelism", o.parallelism());
        options.put("jobmanager", o.jobManager());
        options.put("s3", o.s3().toString());
        options.put("includeDenied", o.includeDenied());
        options.put("s3PrefixThreshold", o.s3PrefixThreshold());
        options.put("actionWildcards", o.actionWildcards() == ActionWildcards.NEVER ? "never" : "exact");
        options.put("rbacResourceNames", o.rbacResourceNames());
        options.put("includeHidden", o.includeHidden());
        options.put("credentialReport", o.findings().credentialReport());
        options.put("baseline", o.findings().baseline());
        options.put("mute", o.findings().mute());
        options.put("minWindow", o.findings().minWindow().toString());
        options.putPOJO("unusedYet", o.unusedYet());
        return new Summary(root);
    }

    /**
     * What listing set aside, part of {@code skippedFiles}: {@code skippedHidden} (hidden files, plus hidden
     * directories not searched) and every reason with its count, so that nothing is passed over in silence.
     */
    private static void putListingSkips(ObjectNode input, InputLister.Listing listing) {
        input.put("skippedHidden", listing.skippedFor("hidden file") + listing.skippedFor("hidden directory"));
        ObjectNode reasons = input.putObject("skippedAtListing");
        new java.util.TreeMap<>(listing.skipped().stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                InputLister.Skipped::reason, java.util.stream.Collectors.counting())))
                .forEach(reasons::put);
    }

    /** A stage's count; null when no stage of this run counted it (a stage's counters exist once it ran). */
    private static void putCount(ObjectNode node, String field, Map<String, Object> c, String counter) {
        if (c.containsKey(counter)) {
            node.put(field, n(c, counter));
        } else {
            node.putNull(field);
        }
    }

    private static long n(Map<String, Object> counters, String name) {
        return AnalyzeRunner.asLong(counters.get(name));
    }

    /** The most paths {@code output.notOwned} names; {@code output.notOwnedCount} always counts them all. */
    static final int NOT_OWNED_LISTED = 100;

    /**
     * {@code output}: the manifest of what this run wrote, and the files under the output paths that no manifest
     * lists (someone else's, left in place).
     */
    void output(List<String> notOwned) {
        ObjectNode output = root.putObject("output");
        output.put("manifest", OutputLayout.MANIFEST);
        ArrayNode listed = output.putArray("notOwned");
        notOwned.stream().limit(NOT_OWNED_LISTED).forEach(listed::add);
        output.put("notOwnedCount", notOwned.size());
    }

    void write(Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), root);
    }
}
