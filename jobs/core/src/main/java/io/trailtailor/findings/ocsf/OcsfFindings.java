package io.trailtailor.findings.ocsf;

import io.trailtailor.findings.Finding;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * {@code findings.ocsf.json}: the findings as OCSF 1.6 "IAM Analysis Finding" events ({@code class_uid} 2008,
 * {@code type_uid} 200801) for SIEMs and Security Lake; Kubernetes specifics under {@code unmapped}.
 */
public final class OcsfFindings {

    private OcsfFindings() {}

    /** What produced the findings, as OCSF {@code metadata.product} shows it. */
    public record Product(String name, String version, String catalogVersion, Instant time) {}

    public static void write(List<Finding> findings, Product product, OutputStream out) {
        throw new UnsupportedOperationException("TODO(wip/report): OCSF writer");
    }
}
