package io.trailtailor.findings.node;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Finding.Subject;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.NodeRoleCall;
import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TT-NODE-002: instance-profile sessions of a node role calling actions outside the node baseline. The kubelet, the
 * CNI, the image puller and the SSM agent stay inside it, so such calls most likely come from pods without IRSA or
 * Pod Identity reading the node's credentials from the metadata service. One finding per (role, cluster): HIGH,
 * confidence LOW (which pod made the call is inferred, not logged); HARDEN_IMDS with, as patch, a policy of the
 * calls seen for the Pod Identity role the candidate workloads should get. {@code system: false}: it is about pods.
 */
public final class NodeRoleUsedByPods implements Rule {

    private static final int MAX_SAMPLES = 5;
    private static final int MAX_PODS = 20;

    @Override
    public String id() {
        return "TT-NODE-002";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        if (ctx.used().nodeRoleCalls().isEmpty()) return List.of();
        SortedSet<String> baseline = NodeBaseline.actions(ctx);
        Map<String, List<NodeRoleCall>> byRoleAndCluster = new TreeMap<>();
        for (NodeRoleCall c : ctx.used().nodeRoleCalls()) {
            if (baseline.contains(c.action())) continue;
            String cluster = c.cluster() == null ? "" : c.cluster();
            byRoleAndCluster
                    .computeIfAbsent(c.roleArn() + "\u0000" + cluster, k -> new ArrayList<>())
                    .add(c);
        }
        List<Finding> out = new ArrayList<>();
        byRoleAndCluster.values().forEach(calls -> out.add(finding(ctx, info, calls)));
        return out;
    }

    private Finding finding(FindingContext ctx, RuleInfo info, List<NodeRoleCall> calls) {
        NodeRoleCall first = calls.get(0);
        String role = first.roleArn();
        String roleName = role.substring(role.lastIndexOf('/') + 1);
        Set<String> nodes = new TreeSet<>();
        Set<String> agents = new TreeSet<>();
        Set<String> workloads = new TreeSet<>();
        Set<String> pods = new TreeSet<>();
        Map<String, Long> countByAction = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<NodeRoleCall>> rowsByAction = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (NodeRoleCall c : calls) {
            if (c.node() != null) nodes.add(c.node());
            agents.addAll(c.userAgents());
            workloads.addAll(c.candidateWorkloads());
            pods.addAll(c.candidatePods());
            countByAction.merge(c.action(), c.calls(), Long::sum);
            rowsByAction.computeIfAbsent(c.action(), k -> new ArrayList<>()).add(c);
        }
        List<Evidence.Used> used = new ArrayList<>();
        rowsByAction.forEach((action, rows) -> used.add(new Evidence.Used(
                action,
                null,
                countByAction.get(action),
                rows.stream()
                        .map(NodeRoleCall::firstSeen)
                        .filter(t -> t != null)
                        .min(Comparator.naturalOrder())
                        .orElse(null),
                rows.stream()
                        .map(NodeRoleCall::lastSeen)
                        .filter(t -> t != null)
                        .max(Comparator.<Instant>naturalOrder())
                        .orElse(null),
                rows.stream()
                        .flatMap(r -> r.samples().stream())
                        .distinct()
                        .limit(MAX_SAMPLES)
                        .toList())));
        long total = countByAction.values().stream().mapToLong(Long::longValue).sum();
        List<String> actionCounts = new ArrayList<>();
        countByAction.forEach((a, n) -> actionCounts.add(a + "=" + n));
        List<String> podList = pods.stream().limit(MAX_PODS).toList();
        Map<String, Object> facts = new TreeMap<>();
        facts.put("actionsOutsideBaseline", actionCounts);
        facts.put("calls", total);
        facts.put("nodes", List.copyOf(nodes));
        facts.put("userAgents", List.copyOf(agents));
        facts.put("candidateWorkloads", List.copyOf(workloads));
        facts.put("candidatePods", podList);
        facts.put("windowDays", ctx.window().toDays());
        String candidates = workloads.isEmpty() ? "no candidate workload known" : String.join(", ", workloads);
        String summary = "Require IMDSv2 with a hop limit of 1 on the nodes of " + roleName
                + " (launch template MetadataOptions HttpTokens=required, HttpPutResponseHopLimit=1) so pods cannot"
                + " read the node credentials; give the candidate workloads (" + candidates + ") a Pod Identity role"
                + " with the attached policy of the calls seen.";
        String cluster = first.cluster();
        return Finding.of(
                info,
                Severity.HIGH,
                Confidence.LOW,
                new Subject(role, cluster, null, null, false),
                "Node role " + roleName + " called " + countByAction.size() + " actions outside the node baseline",
                "Instance-profile sessions of " + role + " on " + nodes.size() + " node(s)"
                        + (cluster == null ? "" : " of " + cluster) + " called "
                        + String.join(", ", countByAction.keySet())
                        + " (" + total + " calls), which the node agents never do; likely pods without IRSA or Pod"
                        + " Identity using the node credentials (" + candidates + ").",
                "instance-profile",
                List.copyOf(countByAction.keySet()),
                new Evidence(List.of(), used, facts),
                new Recommendation(
                        RecommendationKind.HARDEN_IMDS,
                        summary,
                        workloads.size() == 1
                                ? ctx.policyFile(workloads.iterator().next()).orElse(null)
                                : null,
                        policyOf(countByAction.keySet()),
                        "json"));
    }

    /** A policy allowing exactly the actions seen; the calls carry no resource, so it is scoped to {@code *}. */
    private static String policyOf(Set<String> actions) {
        return PolicyDocument.of(List.of(PolicyStatement.allow(null, List.copyOf(actions), List.of("*"))))
                .toJson();
    }
}
