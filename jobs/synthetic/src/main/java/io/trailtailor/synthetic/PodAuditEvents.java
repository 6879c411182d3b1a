package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Credential;
import io.trailtailor.synthetic.Model.Pod;
import io.trailtailor.synthetic.Model.Session;
import io.trailtailor.synthetic.Model.Workload;
import java.io.IOException;

/**
 * What kube-apiserver logs over a pod's life: created by the ReplicaSet controller (or by a CI principal), bound to a
 * node by the scheduler, its service-account token requested and its status patched by the kubelet, deleted.
 */
final class PodAuditEvents {
    private static final String RS_UID = "3c0f3c1e-7b1a-4c55-9d43-5a8f2b1e6d01";
    private static final String SCHED_UA = "kube-scheduler/v1.30.4 (linux/amd64) kubernetes/a737599/scheduler";
    private static final String KCM_UA =
            "kube-controller-manager/v1.30.4 (linux/amd64) kubernetes/a737599/system:serviceaccount:kube-system:"
                    + "replicaset-controller";
    private static final String RS_CONTROLLER_REASON =
            "RBAC: allowed by ClusterRoleBinding \"system:controller:replicaset-controller\" of ClusterRole "
                    + "\"system:controller:replicaset-controller\" to ServiceAccount \"replicaset-controller/kube-system\"";

    private final Sim sim;
    private final AuditWriter audit;
    private final String ciSourceIp;

    /** @param ciSourceIp where a CI principal's kubectl calls come from (the first account's NAT) */
    PodAuditEvents(Sim sim, AuditWriter audit, String ciSourceIp) {
        this.sim = sim;
        this.audit = audit;
        this.ciSourceIp = ciSourceIp;
    }

    /** The pod is created: by its ReplicaSet, or by {@code creator} (a CI session) when not null. */
    void create(Pod p, Session creator, long us) throws IOException {
        Workload wl = p.workload;
        Cluster c = wl.cluster;
        String ns = wl.namespace;
        Rec.Body user = creator != null
                ? g -> AuditUsers.iam(g, creator)
                : g -> AuditUsers.controller(g, "replicaset-controller", RS_UID);
        String ua = creator != null ? "kubectl/v1.30.4 (linux/amd64) kubernetes/a51b3b7" : KCM_UA;
        String ip = creator != null ? ciSourceIp : "172.16." + (c.region.equals("us-east-1") ? 10 : 74) + ".12";
        String reason = creator != null
                ? "RBAC: allowed by RoleBinding \"ci-deployer/jobs\" of ClusterRole \"edit\" to " + "User \""
                        + creator.role.sessionArn(creator.sessionName) + "\""
                : RS_CONTROLLER_REASON;
        audit.event(c, us, "RequestResponse", "create", "/api/v1/namespaces/" + ns + "/pods")
                .by(user, ip, ua)
                .on("pods", ns, null)
                .code(201)
                .objects(g -> podObject(g, p, false, us), g -> podObject(g, p, true, us))
                .reason(reason)
                .write();
    }

    private static void podObject(JsonGenerator g, Pod p, boolean response, long us) throws IOException {
        Workload wl = p.workload;
        boolean rs = wl.replicas > 0; // Deployment pods; CI job pods are created directly, with a name
        AuditWriter.startObject(g, "Pod", "v1");
        g.writeObjectFieldStart("metadata");
        if (response || !rs) {
            g.writeStringField("name", p.name);
        }
        if (rs) {
            g.writeStringField("generateName", wl.deployment + "-" + wl.rsHash.substring(0, 10) + "-");
        }
        if (response) {
            g.writeStringField("namespace", wl.namespace);
            g.writeStringField("uid", p.uid);
            g.writeStringField("resourceVersion", Long.toString(100000 + (us / 1000) % 90000000));
            g.writeStringField("creationTimestamp", Times.isoSeconds(us / 1000));
        } else {
            g.writeNullField("creationTimestamp");
        }
        g.writeObjectFieldStart("labels");
        g.writeStringField("app", wl.deployment);
        if (rs) {
            g.writeStringField("pod-template-hash", wl.rsHash.substring(0, 10));
        }
        g.writeEndObject();
        if (rs) {
            g.writeArrayFieldStart("ownerReferences");
            g.writeStartObject();
            g.writeStringField("apiVersion", "apps/v1");
            g.writeStringField("kind", "ReplicaSet");
            g.writeStringField("name", wl.deployment + "-" + wl.rsHash.substring(0, 10));
            g.writeStringField("uid", wl.rsUid);
            g.writeBooleanField("controller", true);
            g.writeBooleanField("blockOwnerDeletion", true);
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("spec");
        boolean irsa = response && wl.credential == Credential.IRSA;
        boolean pid = response && wl.credential == Credential.POD_IDENTITY;
        if (response) {
            g.writeArrayFieldStart("volumes");
            if (irsa || pid) {
                g.writeStartObject();
                g.writeStringField("name", irsa ? "aws-iam-token" : "eks-pod-identity-token");
                g.writeObjectFieldStart("projected");
                g.writeArrayFieldStart("sources");
                g.writeStartObject();
                g.writeObjectFieldStart("serviceAccountToken");
                g.writeStringField("audience", irsa ? "sts.amazonaws.com" : "pods.eks.amazonaws.com");
                g.writeNumberField("expirationSeconds", 86400);
                g.writeStringField("path", irsa ? "token" : "eks-pod-identity-token");
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeNumberField("defaultMode", 420);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeStartObject();
            g.writeStringField("name", "kube-api-access-" + p.uid.substring(0, 5));
            g.writeObjectFieldStart("projected");
            g.writeArrayFieldStart("sources");
            g.writeStartObject();
            g.writeObjectFieldStart("serviceAccountToken");
            g.writeNumberField("expirationSeconds", 3607);
            g.writeStringField("path", "token");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeArrayFieldStart("containers");
        g.writeStartObject();
        g.writeStringField("name", wl.deployment);
        g.writeStringField(
                "image",
                wl.cluster.account.id + ".dkr.ecr." + wl.cluster.region + ".amazonaws.com/" + wl.deployment + ":1.4."
                        + (wl.rsHash.charAt(0) % 10));
        if (irsa || pid) {
            g.writeArrayFieldStart("env");
            if (irsa) {
                env(g, "AWS_STS_REGIONAL_ENDPOINTS", "regional");
                env(g, "AWS_DEFAULT_REGION", wl.cluster.region);
                env(g, "AWS_REGION", wl.cluster.region);
                env(g, "AWS_ROLE_ARN", wl.role.arn());
                env(g, "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token");
            } else {
                env(g, "AWS_STS_REGIONAL_ENDPOINTS", "regional");
                env(g, "AWS_DEFAULT_REGION", wl.cluster.region);
                env(g, "AWS_REGION", wl.cluster.region);
                env(g, "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials");
                env(
                        g,
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                        "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token");
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("resources");
        g.writeEndObject();
        g.writeStringField("terminationMessagePath", "/dev/termination-log");
        g.writeStringField("imagePullPolicy", "IfNotPresent");
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("restartPolicy", rs ? "Always" : "Never");
        g.writeStringField("dnsPolicy", "ClusterFirst");
        if (response || !wl.serviceAccount.equals("default")) {
            g.writeStringField("serviceAccountName", wl.serviceAccount);
        }
        if (response) {
            g.writeStringField("serviceAccount", wl.serviceAccount);
        }
        g.writeStringField("schedulerName", "default-scheduler");
        g.writeEndObject();
        g.writeObjectFieldStart("status");
        if (response) {
            g.writeStringField("phase", "Pending");
            g.writeStringField("qosClass", "BestEffort");
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void env(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    /** The scheduler binds the pod to its node. */
    void binding(Pod p, long us) throws IOException {
        Workload wl = p.workload;
        String ns = wl.namespace;
        Rec.Body req = g -> {
            AuditWriter.startObject(g, "Binding", "v1");
            g.writeObjectFieldStart("metadata");
            g.writeStringField("name", p.name);
            g.writeStringField("namespace", ns);
            g.writeStringField("uid", p.uid);
            g.writeNullField("creationTimestamp");
            g.writeEndObject();
            g.writeObjectFieldStart("target");
            g.writeStringField("kind", "Node");
            g.writeStringField("name", p.node.name);
            g.writeEndObject();
            g.writeEndObject();
        };
        Rec.Body resp = g -> {
            AuditWriter.startObject(g, "Status", "v1");
            g.writeObjectFieldStart("metadata");
            g.writeEndObject();
            g.writeStringField("status", "Success");
            g.writeNumberField("code", 201);
            g.writeEndObject();
        };
        audit.event(
                        wl.cluster,
                        us,
                        "RequestResponse",
                        "create",
                        "/api/v1/namespaces/" + ns + "/pods/" + p.name + "/binding")
                .by(
                        g -> AuditUsers.simple(g, "system:kube-scheduler", "system:authenticated"),
                        "172.16.10.11",
                        SCHED_UA)
                .on("pods", ns, p.name)
                .subresource("binding")
                .code(201)
                .objects(req, resp)
                .reason(
                        "RBAC: allowed by ClusterRoleBinding \"system:kube-scheduler\" of ClusterRole \"system:kube-scheduler\" to "
                                + "User \"system:kube-scheduler\"")
                .write();
    }

    /** The kubelet requests a service-account token for the pod (at start, and before each IRSA refresh). */
    void tokenRequest(Pod p, long us) throws IOException {
        Workload wl = p.workload;
        String ns = wl.namespace;
        audit.event(
                        wl.cluster,
                        us,
                        "Metadata",
                        "create",
                        "/api/v1/namespaces/" + ns + "/serviceaccounts/" + wl.serviceAccount + "/token")
                .by(g -> AuditUsers.kubelet(g, p.node, us / 1000), p.node.ip, AuditUsers.KUBELET_UA)
                .on("serviceaccounts", ns, wl.serviceAccount)
                .subresource("token")
                .code(201)
                .annotation("authentication.kubernetes.io/issued-credential-id", "JTI=" + Ids.uuid(sim.r))
                .write();
    }

    /** The kubelet reports the pod running, with its IP. */
    void status(Pod p, long us) throws IOException {
        Workload wl = p.workload;
        String ns = wl.namespace;
        Rec.Body req = g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("metadata");
            g.writeStringField("uid", p.uid);
            g.writeEndObject();
            g.writeObjectFieldStart("status");
            g.writeStringField("hostIP", p.node.ip);
            g.writeStringField("phase", "Running");
            g.writeStringField("podIP", p.ip);
            g.writeArrayFieldStart("podIPs");
            g.writeStartObject();
            g.writeStringField("ip", p.ip);
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("startTime", Times.isoSeconds(p.start));
            g.writeEndObject();
            g.writeEndObject();
        };
        audit.event(wl.cluster, us, "Request", "patch", "/api/v1/namespaces/" + ns + "/pods/" + p.name + "/status")
                .by(g -> AuditUsers.kubelet(g, p.node, us / 1000), p.node.ip, AuditUsers.KUBELET_UA)
                .on("pods", ns, p.name)
                .subresource("status")
                .code(200)
                .objects(req, null)
                .write();
    }

    /** The pod is deleted: by its ReplicaSet, or (a finished job pod) by the pod garbage collector. */
    void delete(Pod p, long us) throws IOException {
        Workload wl = p.workload;
        String ns = wl.namespace;
        boolean rs = wl.replicas > 0;
        Rec.Body resp = g -> {
            AuditWriter.startObject(g, "Pod", "v1");
            g.writeObjectFieldStart("metadata");
            g.writeStringField("name", p.name);
            g.writeStringField("namespace", ns);
            g.writeStringField("uid", p.uid);
            g.writeStringField("deletionTimestamp", Times.isoSeconds(us / 1000 + 30 * Times.SECOND));
            g.writeNumberField("deletionGracePeriodSeconds", 30);
            g.writeEndObject();
            g.writeObjectFieldStart("spec");
            g.writeStringField("nodeName", p.node.name);
            g.writeStringField("serviceAccountName", wl.serviceAccount);
            g.writeEndObject();
            g.writeObjectFieldStart("status");
            g.writeStringField("phase", rs ? "Running" : "Succeeded");
            g.writeStringField("podIP", p.ip);
            g.writeEndObject();
            g.writeEndObject();
        };
        Rec.Body user = rs
                ? g -> AuditUsers.controller(g, "replicaset-controller", RS_UID)
                : g -> AuditUsers.controller(g, "pod-garbage-collector", "9b1c2f0e-4d3a-4e8b-8f6a-2c7d1e0b5a93");
        audit.event(wl.cluster, us, "RequestResponse", "delete", "/api/v1/namespaces/" + ns + "/pods/" + p.name)
                .by(user, "172.16.10.12", KCM_UA)
                .on("pods", ns, p.name)
                .code(200)
                .objects(null, resp)
                .reason(RS_CONTROLLER_REASON)
                .write();
    }
}
