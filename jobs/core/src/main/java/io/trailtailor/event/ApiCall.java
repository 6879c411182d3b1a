package io.trailtailor.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One CloudTrail record, normalized at the edge: every field is nullable except the four a record cannot be used
 * without (eventId, eventTime, eventSource, eventName) and the file it came from. Request parameters and response
 * elements stay JSON text, with credential secrets already removed by {@link SecretScrubber}.
 */
public record ApiCall(
        String eventId,
        Instant eventTime,
        String eventVersion,
        String eventSource,
        String eventName,
        String eventType,
        String awsRegion,
        String recipientAccountId,
        String eventCategory,
        Boolean readOnly,
        Boolean managementEvent,
        String errorCode,
        String errorMessage,
        String sourceIp,
        String userAgent,
        CallerIdentity identity,
        List<ResourceRef> resources,
        String requestParameters,
        String responseElements,
        String additionalEventData,
        String requestId,
        String sharedEventId,
        String vpcEndpointId,
        String sourceFile) {

    public ApiCall {
        identity = identity == null ? CallerIdentity.EMPTY : identity;
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** The service prefix CloudTrail names, e.g. {@code s3} for {@code s3.amazonaws.com}. */
    public String eventSourcePrefix() {
        int dot = eventSource.indexOf('.');
        return dot < 0 ? eventSource : eventSource.substring(0, dot);
    }

    /** A call that failed for lack of permission. */
    public boolean denied() {
        return isDenial(errorCode);
    }

    /**
     * Whether an error code says "not permitted": services spell it AccessDenied, AccessDeniedException,
     * Client.UnauthorizedOperation, UnauthorizedException, ...
     */
    public static boolean isDenial(String errorCode) {
        if (errorCode == null) {
            return false;
        }
        String code = errorCode.toLowerCase(java.util.Locale.ROOT);
        return code.contains("accessdenied") || code.contains("unauthorized");
    }

    /** The UTC day of the event: the Hive partition of every table keyed by this call. */
    public LocalDate day() {
        return LocalDate.ofInstant(eventTime, ZoneOffset.UTC);
    }

    /** The same call with another source file (used when choosing between duplicate deliveries). */
    public ApiCall withSourceFile(String file) {
        return new ApiCall(
                eventId,
                eventTime,
                eventVersion,
                eventSource,
                eventName,
                eventType,
                awsRegion,
                recipientAccountId,
                eventCategory,
                readOnly,
                managementEvent,
                errorCode,
                errorMessage,
                sourceIp,
                userAgent,
                identity,
                resources,
                requestParameters,
                responseElements,
                additionalEventData,
                requestId,
                sharedEventId,
                vpcEndpointId,
                file);
    }
}
