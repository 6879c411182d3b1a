package io.trailtailor.event;

/**
 * What reading one file produced. Every record read is accounted for:
 * {@code recordsRead = apiCalls + auditEvents + quarantinedRecords + skippedRecords}.
 *
 * @param skipReason why the whole file was skipped (digest, Insights, permission probe), or null
 * @param quarantineReason why the file itself was rejected (unreadable, truncated, empty), or null; records read
 *     before a break are still delivered
 */
public record FileReport(
        String source,
        long recordsRead,
        long apiCalls,
        long auditEvents,
        long quarantinedRecords,
        long skippedRecords,
        String skipReason,
        String quarantineReason,
        long timeFromShipperField) {

    public boolean skipped() {
        return skipReason != null;
    }

    public boolean quarantined() {
        return quarantineReason != null;
    }
}
