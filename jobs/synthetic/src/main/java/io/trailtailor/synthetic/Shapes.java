package io.trailtailor.synthetic;

/**
 * Real-world input shapes the generator can add on top of a scenario, each off unless asked for, so that the output
 * of existing seeds stays byte-identical.
 *
 * @param unnamedIssuerCluster an IRSA cluster whose OIDC issuer appears in no EKS event and is passed by no option
 *     (manifest {@code issuerSource: "unnamed"}); only its audit log (the webhook env of its pods) names it
 * @param shippedRecords a share of CloudTrail records delivered instead as Logstash-style JSON lines under {@code
 *     cloudtrail-shipped/}, {@code eventTime} moved into {@code @timestamp}
 * @param batchPrefixes one IRSA batch workload reading {@code input/<job-id>/part-NNNNN.parquet} across many job ids
 */
public record Shapes(boolean unnamedIssuerCluster, boolean shippedRecords, boolean batchPrefixes) {

    /** No extra shape: the scenario as it always was. */
    public static final Shapes NONE = new Shapes(false, false, false);

    /** Every shape, as {@code trailtailor demo} uses them. */
    public static final Shapes ALL = new Shapes(true, true, true);

    boolean any() {
        return unnamedIssuerCluster || shippedRecords || batchPrefixes;
    }
}
