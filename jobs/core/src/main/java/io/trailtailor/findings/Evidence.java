package io.trailtailor.findings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a finding holds: what was granted and what was used, with counts.
 *
 * @param granted the granting statements, trust statements or bindings
 * @param used what the principal or workload did that bears on the finding (may be empty: nothing was used)
 * @param facts small named figures a reviewer reads (e.g. {@code grantedActions}, {@code usedActions},
 *     {@code windowDays}, {@code subjectsSeen}); values are numbers (whole numbers kept as {@code Long}, so they
 *     read back equal from {@code findings.json}), strings or lists of strings
 */
public record Evidence(List<Granted> granted, List<Used> used, Map<String, Object> facts) {

    public Evidence {
        granted = List.copyOf(granted);
        used = List.copyOf(used);
        TreeMap<String, Object> f = new TreeMap<>();
        facts.forEach((k, v) -> f.put(
                k,
                v instanceof Integer || v instanceof Short || v instanceof Byte
                        ? Long.valueOf(((Number) v).longValue())
                        : v));
        facts = java.util.Collections.unmodifiableMap(f);
    }

    public static Evidence of(List<Granted> granted, List<Used> used, Map<String, Object> facts) {
        return new Evidence(granted, used, facts);
    }

    /**
     * One granting item.
     *
     * @param kind {@code POLICY_STATEMENT}, {@code TRUST_STATEMENT}, {@code RBAC_BINDING}, {@code ACCESS_ENTRY},
     *     {@code AWS_AUTH_MAPPING}, {@code POD_IDENTITY_ASSOCIATION}, {@code SA_ANNOTATION}, {@code CREDENTIAL}
     * @param source the policy name or ARN, the binding {@code kind/namespace/name}, the access entry ARN ...
     * @param statement the statement Sid, or {@code #index} when it has none; null when not a statement
     * @param actions the granted actions (patterns as written, or expanded where the rule says so)
     * @param resources the granted resources as written
     */
    public record Granted(String kind, String source, String statement, List<String> actions, List<String> resources) {
        public Granted {
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
        }
    }

    /**
     * One used item: an IAM action on a resource, or a Kubernetes request kind.
     *
     * @param samples up to 5 CloudTrail {@code eventID}s or audit {@code auditID}s
     */
    public record Used(
            String action, String resource, long count, Instant firstSeen, Instant lastSeen, List<String> samples) {
        public Used {
            samples = List.copyOf(samples);
        }
    }
}
