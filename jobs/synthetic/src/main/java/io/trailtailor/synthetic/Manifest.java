package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.trailtailor.synthetic.Model.Account;
import io.trailtailor.synthetic.Model.Cluster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** truth/manifest.json: the effective options, every count of the result, the clusters and the file layouts. */
final class Manifest {
    private Manifest() {}

    static void write(
            Path file,
            GeneratorOptions o,
            GenerationResult res,
            World w,
            CloudTrailSink ct,
            ShippedSink shipped,
            AuditSink[] audit,
            TruthSink truth)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeObjectFieldStart("options");
            g.writeStringField("scenario", o.scenario());
            g.writeNumberField("events", o.events());
            g.writeNumberField("days", o.days());
            g.writeNumberField("seed", o.seed());
            g.writeStringField("start", o.start().toString());
            g.writeBooleanField("callTruth", o.callTruth());
            if (o.shapes().any()) { // only then, so that manifests without shapes stay as they were
                g.writeObjectFieldStart("shapes");
                g.writeBooleanField("unnamedIssuerCluster", o.shapes().unnamedIssuerCluster());
                g.writeBooleanField("shippedRecords", o.shapes().shippedRecords());
                g.writeBooleanField("batchPrefixes", o.shapes().batchPrefixes());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("counts");
            g.writeNumberField("cloudTrailRecords", res.cloudTrailRecords());
            g.writeNumberField("cloudTrailRecordsWritten", res.cloudTrailRecordsWritten());
            if (shipped != null) {
                g.writeNumberField("cloudTrailRecordsShipped", shipped.recordsWritten);
            }
            g.writeNumberField("duplicates", res.duplicates());
            g.writeNumberField("auditEvents", res.auditEvents());
            g.writeNumberField("cloudTrailFiles", res.cloudTrailFiles());
            g.writeNumberField("auditFiles", res.auditFiles());
            g.writeNumberField("skippedFiles", res.skippedFiles());
            g.writeNumberField("pods", truth.podCount);
            g.writeNumberField("sessions", truth.sessionCount);
            g.writeEndObject();
            g.writeObjectFieldStart("files");
            g.writeNumberField("cloudtrail", ct.files);
            g.writeNumberField("cloudtrailDigest", ct.digestFiles);
            if (shipped != null) {
                g.writeNumberField("cloudtrailShipped", shipped.files);
                g.writeStringField(
                        "cloudtrailShippedPath", "cloudtrail-shipped/logstash-cloudtrail-YYYY.MM.DD.jsonl.gz");
            }
            int export = 0;
            int firehose = 0;
            int probes = 0;
            for (AuditSink s : audit) {
                if (s instanceof ExportAuditSink) {
                    export += s.files();
                } else {
                    firehose += s.files();
                }
                probes += s.skippedFiles();
            }
            g.writeNumberField("auditExport", export);
            g.writeNumberField("auditFirehose", firehose);
            g.writeNumberField("exportWriteTest", probes);
            g.writeEndObject();
            g.writeArrayFieldStart("accounts");
            for (Account a : w.accounts) {
                g.writeStartObject();
                g.writeStringField("id", a.id);
                g.writeStringField("organizationId", a.orgId);
                g.writeStringField(
                        "layout",
                        a.orgId == null ? "AWSLogs/<account>/CloudTrail/" : "AWSLogs/<org>/<account>/CloudTrail/");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("regions");
            for (String r : w.regions) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("clusters");
            for (Cluster c : w.clusters) {
                g.writeStartObject();
                g.writeStringField("name", c.name);
                g.writeStringField("account", c.account.id);
                g.writeStringField("region", c.region);
                g.writeStringField("arn", c.arn());
                g.writeStringField("issuer", c.issuerUrl());
                g.writeStringField(
                        "issuerSource", c.issuerFromEvent ? "event" : c.issuerUnnamed ? "unnamed" : "option");
                g.writeStringField("clusterOption", c.name + "=" + c.issuerUrl());
                g.writeStringField("auditLayout", c.auditLayout);
                g.writeStringField(
                        "auditPath",
                        "eks-audit/" + c.name + "/" + (c.auditLayout.equals("export") ? "exportedlogs" : "firehose"));
                g.writeNumberField("auditClockSkewMillis", c.skewMicros / 1000.0);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
