package io.trailtailor.flink.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.flink.output.OutputRoot;
import io.trailtailor.flink.stream.Counters;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code status.json}, as DESIGN.md names its fields: the checkpoint it describes, the watermark, per-source lag and
 * files/records seen, the {@code input}/{@code calls} counters of {@code summary.json}, alerts by type and pending
 * calls. Never seen half written: on a local disk it is written aside and renamed over the old one, on S3 it is one
 * object put whole.
 */
public final class StatusFile {

    public static final String NAME = "status.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusFile() {}

    /** The status document; {@code state} is {@code running}, {@code stopped} or {@code drained}. */
    public static ObjectNode json(
            MonitorFigures f, RestorePoint checkpoint, String state, Instant startedAt, RestorePoint restoredFrom) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", "monitor");
        root.put("state", state);
        root.put("updatedAt", f.now().toString());
        root.put("startedAt", startedAt.toString());
        root.put(
                "restoredFrom", restoredFrom == null ? null : restoredFrom.dir().toString());
        ObjectNode cp = root.putObject("checkpoint");
        if (checkpoint == null) {
            cp.putNull("id");
            cp.putNull("time");
        } else {
            if (checkpoint.savepoint()) {
                cp.putNull("id");
            } else {
                cp.put("id", checkpoint.id());
            }
            cp.put("time", checkpoint.completedAt().toString());
            cp.put("path", checkpoint.dir().toString());
            cp.put("savepoint", checkpoint.savepoint());
        }
        Instant watermark = f.watermark();
        root.put("watermark", watermark == null ? null : watermark.toString());
        Duration lag = f.lag();

        ObjectNode sources = root.putObject("sources");
        ObjectNode trail = sources.putObject("cloudtrail");
        trail.put("files", f.n(Counters.CLOUDTRAIL_FILES));
        trail.put("records", f.n(Counters.API_CALLS_READ));
        putLag(trail, lag);
        ObjectNode audit = sources.putObject("k8sAudit");
        audit.put("files", f.n(Counters.AUDIT_FILES));
        audit.put("records", f.n(Counters.AUDIT_EVENTS_READ));
        // the job counts the newest event time of CloudTrail only; the audit watermark is not exposed yet
        audit.putNull("lagSeconds");

        long quarantinedRecords = f.n(Counters.QUARANTINED_RECORDS);
        long quarantinedFiles = f.n(Counters.QUARANTINED_FILES);
        ObjectNode input = root.putObject("input");
        input.put("cloudtrailFiles", f.n(Counters.CLOUDTRAIL_FILES));
        input.put("cloudtrailRecords", f.n(Counters.API_CALLS_KEPT));
        input.put("auditFiles", f.n(Counters.AUDIT_FILES));
        input.put("auditEvents", f.n(Counters.AUDIT_EVENTS_KEPT));
        input.put("quarantined", quarantinedRecords + quarantinedFiles);
        input.put("duplicates", f.n(Counters.API_CALL_DUPLICATES) + f.n(Counters.AUDIT_DUPLICATES));
        input.put("skippedFiles", f.n(Counters.SKIPPED_FILES));
        input.put("recordsRead", f.records());
        ObjectNode calls = root.putObject("calls");
        calls.put("total", f.n(Counters.API_CALLS_KEPT));
        putCount(calls, "attributedToWorkload", f, Counters.CALLS_ATTRIBUTED_TO_WORKLOAD);
        putCount(calls, "unattributed", f, Counters.CALLS_UNATTRIBUTED);
        calls.put("denied", f.n(Counters.CALLS_DENIED));
        ObjectNode alerts = root.putObject("alerts");
        f.alertsByType().forEach(alerts::put);
        // calls waiting for their session: counted once the keyed enrichment operator exposes it
        putCount(root, "pendingCalls", f, "pendingCalls");
        return root;
    }

    /** Replaces {@code status.json} under a local or S3 {@code --out} whole; returns where it is. */
    public static String write(OutputRoot out, ObjectNode status) throws IOException {
        return out.replace(NAME, JSON.writeValueAsBytes(status));
    }

    /** Replaces {@code out/status.json} in one rename. */
    public static Path write(Path out, ObjectNode status) throws IOException {
        Files.createDirectories(out);
        Path target = out.resolve(NAME);
        Path aside = out.resolve("." + NAME + ".tmp");
        JSON.writeValue(aside.toFile(), status);
        try {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static void putLag(ObjectNode node, Duration lag) {
        if (lag == null) {
            node.putNull("lagSeconds");
        } else {
            node.put("lagSeconds", lag.toMillis() / 1000.0);
        }
    }

    private static void putCount(ObjectNode node, String field, MonitorFigures f, String counter) {
        if (f.counters().containsKey(counter)) {
            node.put(field, f.n(counter));
        } else {
            node.putNull(field);
        }
    }
}
