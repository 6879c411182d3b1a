package io.trailtailor.flink.policy;

import io.trailtailor.avro.UsageRow;
import io.trailtailor.policy.PassRoleCondition;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What one principal did with one IAM action on one resource, summed over calls: the row the usage table and
 * policy synthesis are built from. A Flink POJO (strings, primitives and a string array: no Kryo). The workload's
 * cluster, namespace and service account are kept as fields so they never have to be parsed back out of
 * {@code principal}.
 */
public class UsageEntry {

    /** {@code ROLE}, {@code USER} or {@code WORKLOAD}. */
    public String kind;
    /** The role ARN, the IAM user ARN, or {@code cluster/namespace/serviceAccount}. */
    public String principal;

    public String cluster;
    public String namespace;
    public String serviceAccount;
    public String action;
    public String resource;
    public boolean denied;
    public long calls;
    public long firstSeen;
    public long lastSeen;
    /** The strongest origin seen: DEFAULT_RULE before OVERRIDE before IMPLIED. */
    public String origin;
    /** Up to {@link io.trailtailor.policy.ActionUse#MAX_EVIDENCE} event ids, the smallest, sorted. */
    public String[] evidence;
    /**
     * For {@code iam:PassRole}: the services the role was passed to (sorted), granted as an
     * {@code iam:PassedToService} condition; null or empty when a call named none (no condition).
     */
    public String[] passedToServices;

    public UsageEntry() {}

    /** The grouping key of the usage table: kind, principal, action, resource, denied. */
    public String usageKey() {
        return kind + '\u0000' + principal + '\u0000' + action + '\u0000' + resource + '\u0000' + denied;
    }

    /** The policy target this row belongs to. */
    public String principalKey() {
        return kind + '\u0000' + principal;
    }

    /** The sum of two rows of the same usage key; independent of the order rows meet in. */
    public static UsageEntry merge(UsageEntry a, UsageEntry b) {
        UsageEntry m = new UsageEntry();
        m.kind = a.kind;
        m.principal = a.principal;
        m.cluster = a.cluster;
        m.namespace = a.namespace;
        m.serviceAccount = a.serviceAccount;
        m.action = a.action;
        m.resource = a.resource;
        m.denied = a.denied;
        m.calls = a.calls + b.calls;
        m.firstSeen = Math.min(a.firstSeen, b.firstSeen);
        m.lastSeen = Math.max(a.lastSeen, b.lastSeen);
        m.origin = originRank(a.origin) <= originRank(b.origin) ? a.origin : b.origin;
        TreeSet<String> ev = new TreeSet<>(Arrays.asList(a.evidence));
        ev.addAll(Arrays.asList(b.evidence));
        m.evidence =
                ev.stream().limit(io.trailtailor.policy.ActionUse.MAX_EVIDENCE).toArray(String[]::new);
        m.passedToServices = PassRoleCondition.union(services(a), services(b)).toArray(String[]::new);
        return m;
    }

    private static int originRank(String origin) {
        return origin == null
                ? 9
                : switch (origin) {
                    case "DEFAULT_RULE" -> 0;
                    case "OVERRIDE" -> 1;
                    case "IMPLIED" -> 2;
                    default -> 3;
                };
    }

    private static List<String> services(UsageEntry e) {
        return e.passedToServices == null ? List.of() : List.of(e.passedToServices);
    }

    /** The row as the policy core's input. */
    public io.trailtailor.policy.ActionUse toActionUse() {
        return new io.trailtailor.policy.ActionUse(
                action,
                resource,
                denied,
                calls,
                Instant.ofEpochMilli(firstSeen),
                Instant.ofEpochMilli(lastSeen),
                List.of(evidence),
                services(this));
    }

    /** The row of the {@code parquet/usage} table. */
    public UsageRow toAvro() {
        return UsageRow.newBuilder()
                .setPrincipalKind(kind)
                .setPrincipal(principal)
                .setAction(action)
                .setResource(resource)
                .setDenied(denied)
                .setCalls(calls)
                .setFirstSeen(Instant.ofEpochMilli(firstSeen))
                .setLastSeen(Instant.ofEpochMilli(lastSeen))
                .setOrigin(origin)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UsageEntry u
                && usageKey().equals(u.usageKey())
                && calls == u.calls
                && firstSeen == u.firstSeen
                && lastSeen == u.lastSeen
                && Objects.equals(origin, u.origin)
                && Arrays.equals(evidence, u.evidence)
                && services(this).equals(services(u));
    }

    @Override
    public int hashCode() {
        return usageKey().hashCode();
    }

    @Override
    public String toString() {
        return kind + " " + principal + " " + action + " " + resource + (denied ? " denied" : "") + " x" + calls;
    }
}
