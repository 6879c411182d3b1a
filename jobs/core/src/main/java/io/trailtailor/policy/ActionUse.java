package io.trailtailor.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a principal did with one IAM action on one resource over the analysis window: the input of policy synthesis.
 *
 * @param action qualified IAM action, e.g. {@code s3:GetObject} (any case; the catalog canonicalizes it)
 * @param resource the resource ARN the call touched, or {@code *} when the action has no resource or it is unknown
 * @param denied true when the calls were refused (AccessDenied and similar)
 * @param count number of calls
 * @param firstSeen time of the first call
 * @param lastSeen time of the last call
 * @param evidenceEventIds a few CloudTrail eventIDs of these calls, sorted, so each statement can be traced back
 * @param passedToServices for {@code iam:PassRole}: the services the calls handed the role to (sorted), granted as
 *     an {@code iam:PassedToService} condition; empty when any call gave no service (then no condition)
 */
public record ActionUse(
        String action,
        String resource,
        boolean denied,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        List<String> evidenceEventIds,
        List<String> passedToServices) {

    /** How many evidence ids a merged use keeps. */
    public static final int MAX_EVIDENCE = 5;

    public ActionUse {
        if (action == null || action.indexOf(':') <= 0) throw new IllegalArgumentException("action must be svc:Name");
        if (resource == null || resource.isBlank()) resource = "*";
        if (count < 0) throw new IllegalArgumentException("count must be >= 0");
        evidenceEventIds = evidenceEventIds == null ? List.of() : List.copyOf(new TreeSet<>(evidenceEventIds));
        passedToServices = passedToServices == null ? List.of() : List.copyOf(new TreeSet<>(passedToServices));
    }

    /** A use with no condition. */
    public ActionUse(
            String action,
            String resource,
            boolean denied,
            long count,
            Instant firstSeen,
            Instant lastSeen,
            List<String> evidenceEventIds) {
        this(action, resource, denied, count, firstSeen, lastSeen, evidenceEventIds, List.of());
    }

    /** A successful use seen once, for tests and small callers. */
    public static ActionUse of(String action, String resource) {
        return new ActionUse(action, resource, false, 1, null, null, List.of());
    }

    /** The lowercase service prefix. */
    public String service() {
        return IamWildcards.service(action);
    }

    /** The same use under another action name (the catalog's spelling). */
    public ActionUse withAction(String name) {
        return new ActionUse(name, resource, denied, count, firstSeen, lastSeen, evidenceEventIds, passedToServices);
    }

    /** The sum of two uses of the same action, resource and outcome. */
    public ActionUse merge(ActionUse o) {
        TreeSet<String> ev = new TreeSet<>(evidenceEventIds);
        ev.addAll(o.evidenceEventIds);
        List<String> kept = new ArrayList<>(ev).subList(0, Math.min(ev.size(), MAX_EVIDENCE));
        return new ActionUse(
                action,
                resource,
                denied,
                count + o.count,
                min(firstSeen, o.firstSeen),
                max(lastSeen, o.lastSeen),
                kept,
                PassRoleCondition.union(passedToServices, o.passedToServices));
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
