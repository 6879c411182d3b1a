package io.trailtailor.event;

/**
 * What one CloudWatch Logs subscription record yielded, so that a source can count it like a file: every log event
 * read is kept (an API call or an audit event), quarantined or skipped, and the counts add up.
 *
 * @param cluster the cluster its audit events were given ({@code unknown} when neither named nor in the log group)
 * @param control true for a {@code CONTROL_MESSAGE}: a delivery check with nothing to read
 * @param rejected why the whole record was quarantined (not gzip, not JSON, not a subscription payload), or null
 */
public record SubscriptionReport(
        String cluster,
        boolean control,
        String rejected,
        long logEvents,
        long apiCalls,
        long auditEvents,
        long quarantinedEvents,
        long skippedEvents) {}
