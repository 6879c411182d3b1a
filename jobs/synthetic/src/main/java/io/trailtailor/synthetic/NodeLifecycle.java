package io.trailtailor.synthetic;

import io.trailtailor.identity.Mechanism;
import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Node;
import io.trailtailor.synthetic.Model.NodeGroup;
import io.trailtailor.synthetic.Model.Op;
import io.trailtailor.synthetic.Model.OpKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Worker nodes: those running when the window opens, and one that joins mid-window in a multi-cluster world. A node
 * registers with the cluster, renews its lease, and its agents (ECR credential provider, EC2 describe) call AWS
 * with the instance profile.
 */
final class NodeLifecycle {
    private final Sim sim;
    /** What a node's agents call, for every node; account and region filled per cluster. */
    private static final List<Op> AGENT_OPS = List.of(
            new Op(OpKind.ECR_TOKEN, null, null, null, null, 0, false, 1),
            new Op(OpKind.ECR_BATCH_GET_IMAGE, null, null, "platform/base-images", null, 0, false, 1),
            new Op(OpKind.ECR_DOWNLOAD_URL, null, null, "platform/base-images", null, 0, false, 2),
            new Op(OpKind.EC2_DESCRIBE_INSTANCES, null, null, null, null, 0, false, 1));

    private final CredentialMints mints;
    private final CallMix calls;
    private final ControlPlaneChatter chatter;

    NodeLifecycle(Sim sim, CredentialMints mints, CallMix calls, ControlPlaneChatter chatter) {
        this.sim = sim;
        this.mints = mints;
        this.calls = calls;
        this.chatter = chatter;
    }

    /** The nodes running in {@code c} when the window opens (one or two per group, three in larger worlds). */
    void startCluster(Cluster c) throws IOException {
        for (NodeGroup ng : c.nodeGroups) {
            int n = sim.w.clusters.size() == 1 ? 2 : (ng.name.equals("spot") ? 1 : 3);
            for (int i = 0; i < n; i++) {
                Node node = newNode(ng);
                mints.startInstanceProfile(node);
                addNode(node, false, sim.scheduler.start() + sim.r.nextLong(Times.MINUTE));
            }
        }
    }

    /** Scale-out: a node joins the group now, with an in-window instance-profile mint. */
    void join(NodeGroup ng) throws IOException {
        Node node = newNode(ng);
        long t = sim.scheduler.now();
        mints.refreshInstanceProfile(node);
        addNode(node, true, t + 40 * Times.SECOND);
    }

    private Node newNode(NodeGroup ng) {
        Cluster c = ng.cluster;
        int third = c.region.equals("us-east-1") ? 0 : 64;
        String ip = "10.0." + (third + sim.r.nextInt(48)) + "." + (c.nextIp++);
        String az = c.region + (char) ('a' + sim.r.nextInt(3));
        String name = "ip-" + ip.replace('.', '-') + "." + c.region + ".compute.internal";
        return new Node(ng, Ids.instanceId(sim.r), name, ip, az, Ids.uuid(sim.r));
    }

    private void addNode(Node node, boolean created, long t) throws IOException {
        Cluster c = node.group.cluster;
        c.nodes.add(node);
        chatter.nodeObject(node, created, t);
        Caller k = new Caller();
        k.label = Mechanism.INSTANCE_PROFILE;
        k.node = node;
        k.holder = node.sessions;
        k.ops = agentOps(c);
        k.weight = 0.4;
        k.from = Math.max(sim.scheduler.start(), node.sessions.cur.issuedAt + Times.SECOND);
        k.userAgent = "aws-sdk-go/1.55.5 (go1.22.5; linux; amd64) ecr-credential-provider";
        k.sourceIp = c.account.natIp;
        k.rootPrincipal = node.instanceId;
        calls.add(k);
        sim.scheduler.schedule(t + sim.r.nextLong(60 * Times.SECOND), () -> chatter.lease(node));
        sim.scheduler.schedule(t + Times.HOUR + sim.r.nextLong(10 * Times.MINUTE), () -> chatter.nodePatch(node));
    }

    private static List<Op> agentOps(Cluster c) {
        List<Op> ops = new ArrayList<>();
        for (Op t : AGENT_OPS) {
            ops.add(new Op(t.kind, c.account, c.region, t.resource, t.detail, t.keys, t.denied, t.weight));
        }
        return ops;
    }
}
