package io.trailtailor.alerts;

import java.io.Serializable;

/**
 * What an alert rule looks at: one call, session or Kubernetes API request, slimmed to the fields an alert shows.
 * It never holds an access key id, session token or secret key, so nothing a rule does can put one in an alert.
 *
 * @param time event time, epoch milliseconds
 * @param principalArn the role ARN (not the assumed-role session ARN) or IAM user ARN behind it
 * @param action an IAM action ({@code s3:GetObject}), an STS assume action, or a Kubernetes verb and resource
 */
public record Observation(
        String eventId,
        long time,
        String principalArn,
        String mechanism,
        String cluster,
        String namespace,
        String serviceAccount,
        String podUid,
        String action,
        String resource)
        implements Serializable {

    /** The workload key {@code cluster/namespace/serviceAccount}, or null when the observation has no workload. */
    public String workload() {
        return cluster == null || namespace == null || serviceAccount == null
                ? null
                : cluster + "/" + namespace + "/" + serviceAccount;
    }

    /** Delivery-independent order: event time, then event id. */
    public static int compare(Observation a, Observation b) {
        int c = Long.compare(a.time, b.time);
        return c != 0 ? c : String.valueOf(a.eventId).compareTo(String.valueOf(b.eventId));
    }
}
