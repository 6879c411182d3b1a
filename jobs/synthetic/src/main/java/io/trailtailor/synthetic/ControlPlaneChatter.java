package io.trailtailor.synthetic;

import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Node;
import java.io.IOException;

/**
 * The audit log's steady background: nodes registering and being patched, kubelets renewing their leases every
 * minute, and controllers' get/list/watch chatter. Each kind reschedules itself.
 */
final class ControlPlaneChatter {
    private static final String[][] NOISE = {
        {
            "get",
            "/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication",
            "configmaps",
            "kube-system",
            "extension-apiserver-authentication",
            "system:kube-controller-manager"
        },
        {"list", "/api/v1/nodes?limit=500&resourceVersion=0", "nodes", null, null, "system:kube-scheduler"},
        {
            "watch",
            "/api/v1/namespaces/kube-system/endpoints?allowWatchBookmarks=true&watch=true",
            "endpoints",
            "kube-system",
            null,
            "system:serviceaccount:kube-system:endpoint-controller"
        },
        {
            "get",
            "/api/v1/namespaces/kube-system/configmaps/aws-auth",
            "configmaps",
            "kube-system",
            "aws-auth",
            "system:serviceaccount:kube-system:aws-node"
        }
    };

    private final Sim sim;
    private final AuditWriter audit;

    ControlPlaneChatter(Sim sim, AuditWriter audit) {
        this.sim = sim;
        this.audit = audit;
    }

    /** The kubelet creates the Node object ({@code create}), or patches the labels of one created before. */
    void nodeObject(Node node, boolean create, long t) throws IOException {
        Cluster c = node.group.cluster;
        long us = t * 1000 + sim.r.nextInt(1000);
        Rec.Body obj = g -> {
            AuditWriter.startObject(g, "Node", "v1");
            g.writeObjectFieldStart("metadata");
            g.writeStringField("name", node.name);
            g.writeStringField("uid", node.uid);
            g.writeObjectFieldStart("labels");
            g.writeStringField("eks.amazonaws.com/nodegroup", node.group.name);
            g.writeStringField("kubernetes.io/hostname", node.name);
            g.writeStringField("topology.kubernetes.io/zone", node.az);
            g.writeStringField("node.kubernetes.io/instance-type", "m6i.large");
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("spec");
            g.writeStringField("providerID", "aws:///" + node.az + "/" + node.instanceId);
            g.writeEndObject();
            g.writeObjectFieldStart("status");
            g.writeArrayFieldStart("addresses");
            g.writeStartObject();
            g.writeStringField("type", "InternalIP");
            g.writeStringField("address", node.ip);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        };
        Rec.Body kubelet = g -> AuditUsers.kubelet(g, node, t);
        if (create) {
            audit.event(c, us, "RequestResponse", "create", "/api/v1/nodes")
                    .by(kubelet, node.ip, AuditUsers.KUBELET_UA)
                    .on("nodes", null, null)
                    .code(201)
                    .objects(obj, obj)
                    .write();
        } else {
            Rec.Body patch = g -> {
                g.writeStartObject();
                g.writeObjectFieldStart("metadata");
                g.writeObjectFieldStart("labels");
                g.writeStringField("topology.kubernetes.io/zone", node.az);
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            };
            audit.event(c, us, "RequestResponse", "patch", "/api/v1/nodes/" + node.name)
                    .by(kubelet, node.ip, AuditUsers.KUBELET_UA)
                    .on("nodes", null, node.name)
                    .code(200)
                    .objects(patch, obj)
                    .write();
        }
    }

    /** Patches the node now, and again every hour. */
    void nodePatch(Node node) throws IOException {
        nodeObject(node, false, sim.scheduler.now());
        sim.scheduler.schedule(sim.scheduler.now() + Times.HOUR, () -> nodePatch(node));
    }

    /** Renews the node's lease now, and again every minute. */
    void lease(Node node) throws IOException {
        long t = sim.scheduler.now();
        Cluster c = node.group.cluster;
        long us = t * 1000 + sim.r.nextInt(1000);
        Rec.Body obj = g -> {
            AuditWriter.startObject(g, "Lease", "coordination.k8s.io/v1");
            g.writeObjectFieldStart("metadata");
            g.writeStringField("name", node.name);
            g.writeStringField("namespace", "kube-node-lease");
            g.writeEndObject();
            g.writeObjectFieldStart("spec");
            g.writeStringField("holderIdentity", node.name);
            g.writeNumberField("leaseDurationSeconds", 40);
            g.writeStringField("renewTime", Times.isoMicros(us));
            g.writeEndObject();
            g.writeEndObject();
        };
        audit.event(
                        c,
                        us,
                        "RequestResponse",
                        "update",
                        "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + node.name + "?timeout=10s")
                .by(g -> AuditUsers.kubelet(g, node, t), node.ip, AuditUsers.KUBELET_UA)
                .on("leases", "kube-node-lease", node.name)
                .apiGroup("coordination.k8s.io")
                .code(200)
                .objects(obj, obj)
                .write();
        sim.scheduler.schedule(t + 60 * Times.SECOND, () -> lease(node));
    }

    /** One random controller request now, the next in one to three minutes. */
    void controllerNoise(Cluster c) throws IOException {
        long t = sim.scheduler.now();
        String[] n = NOISE[sim.r.nextInt(NOISE.length)];
        long us = t * 1000 + sim.r.nextInt(1000);
        String level = n[2].equals("configmaps") ? "Metadata" : "Request";
        audit.event(c, us, level, n[0], n[1])
                .by(
                        g -> AuditUsers.simple(g, n[5], "system:authenticated"),
                        "172.16.10.12",
                        "kube-controller-manager/v1.30.4 (linux/amd64) kubernetes/a737599/leader-election")
                .on(n[2], n[3], n[4])
                .code(200)
                .reason("RBAC: allowed by ClusterRoleBinding")
                .write();
        sim.scheduler.schedule(t + sim.r.nextLong(Times.MINUTE, 3 * Times.MINUTE), () -> controllerNoise(c));
    }
}
