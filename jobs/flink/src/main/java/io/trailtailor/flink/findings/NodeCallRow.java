package io.trailtailor.flink.findings;

import io.trailtailor.findings.used.NodeRoleCall;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Calls made with a node's instance-profile session, summed per (role, cluster, node, IAM action): user agents (at
 * most 5), candidate pod UIDs (at most 20, from attribution) and up to 5 eventIDs. A Flink POJO.
 */
public class NodeCallRow {

    private static final int MAX_AGENTS = 5;
    private static final int MAX_PODS = 20;
    private static final int MAX_SAMPLES = 5;

    public String roleArn;
    public String cluster;
    public String node;
    public String action;
    public long calls;
    public long firstSeen;
    public long lastSeen;
    public String[] userAgents;
    public String[] candidatePods;
    public String[] samples;

    public NodeCallRow() {}

    String key() {
        return String.join("\u0000", String.valueOf(roleArn), String.valueOf(cluster), String.valueOf(node), action);
    }

    static NodeCallRow merge(NodeCallRow a, NodeCallRow b) {
        NodeCallRow m = new NodeCallRow();
        m.roleArn = a.roleArn;
        m.cluster = a.cluster;
        m.node = a.node;
        m.action = a.action;
        m.calls = a.calls + b.calls;
        m.firstSeen = Math.min(a.firstSeen, b.firstSeen);
        m.lastSeen = Math.max(a.lastSeen, b.lastSeen);
        m.userAgents = union(a.userAgents, b.userAgents, MAX_AGENTS);
        m.candidatePods = union(a.candidatePods, b.candidatePods, MAX_PODS);
        m.samples = union(a.samples, b.samples, MAX_SAMPLES);
        return m;
    }

    private static String[] union(String[] a, String[] b, int limit) {
        TreeSet<String> s = new TreeSet<>(Arrays.asList(a));
        s.addAll(Arrays.asList(b));
        return s.stream().limit(limit).toArray(String[]::new);
    }

    NodeRoleCall toCall() {
        return new NodeRoleCall(
                roleArn,
                cluster,
                node,
                action,
                calls,
                Instant.ofEpochMilli(firstSeen),
                Instant.ofEpochMilli(lastSeen),
                List.of(userAgents),
                List.of(),
                List.of(candidatePods),
                List.of(samples));
    }
}
