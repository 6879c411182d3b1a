package io.trailtailor.findings.iam;

import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.grants.Grant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds the evidence parts the IAM rules share: granting statements, used rows, and the grant key. */
final class Evidences {

    static final int MAX_SAMPLES = 5;

    private Evidences() {}

    /** The statements granting any of the actions, one item per (policy, statement), actions and resources sorted. */
    static List<Evidence.Granted> granted(Collection<Grant> grants) {
        Map<String, Set<String>[]> byStatement = new TreeMap<>();
        Map<String, String[]> names = new TreeMap<>();
        for (Grant g : grants) {
            for (Grant.Source s : g.sources()) {
                String policy = s.via() == null ? s.policy() : s.policy() + " (via " + s.via() + ")";
                String statement = s.sid() == null || s.sid().isEmpty() ? "#" + s.statementIndex() : s.sid();
                String key = policy + "\u0000" + statement;
                names.putIfAbsent(key, new String[] {policy, statement});
                @SuppressWarnings({"unchecked", "rawtypes"})
                Set<String>[] sets =
                        byStatement.computeIfAbsent(key, k -> new Set[] {new TreeSet<>(), new TreeSet<>()});
                sets[0].add(g.action());
                sets[1].add(g.resource());
            }
        }
        List<Evidence.Granted> out = new ArrayList<>();
        byStatement.forEach((k, sets) -> out.add(new Evidence.Granted(
                "POLICY_STATEMENT", names.get(k)[0], names.get(k)[1], List.copyOf(sets[0]), List.copyOf(sets[1]))));
        return out;
    }

    /** The policies granting, sorted and joined: the {@code grant} part of the fingerprint. */
    static String grantKey(Collection<Grant> grants) {
        Set<String> policies = new TreeSet<>();
        grants.forEach(g -> g.sources().forEach(s -> policies.add(s.policy())));
        return String.join(",", policies);
    }

    static List<Evidence.Used> used(Collection<UsedAction> rows) {
        return rows.stream()
                .sorted(java.util.Comparator.comparing(UsedAction::action, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(r -> r.resource() == null ? "" : r.resource()))
                .map(r -> new Evidence.Used(
                        r.action(),
                        r.resource(),
                        r.calls(),
                        r.firstSeen(),
                        r.lastSeen(),
                        r.samples().stream().limit(MAX_SAMPLES).toList()))
                .toList();
    }

    /** Facts every IAM finding carries: the window and how confident attribution is. */
    static Map<String, Object> facts(FindingContext ctx, Judged j) {
        Map<String, Object> f = new TreeMap<>();
        f.put("windowDays", ctx.window().toDays());
        f.put("confidenceReason", j.confidenceWhy());
        return f;
    }

    static long calls(Collection<UsedAction> rows) {
        return rows.stream().mapToLong(UsedAction::calls).sum();
    }
}
