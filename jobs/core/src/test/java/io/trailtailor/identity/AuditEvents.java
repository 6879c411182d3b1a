package io.trailtailor.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.AuditObjectPruner;
import io.trailtailor.event.AuditUser;
import io.trailtailor.event.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds real-shaped EKS audit events (shapes of FORMATS.md §5) for pod, binding, status, node and token tests. */
final class AuditEvents {

    private static final AtomicInteger IDS = new AtomicInteger();
    static final AuditUser REPLICASET = new AuditUser(
            "system:serviceaccount:kube-system:replicaset-controller",
            null,
            List.of("system:serviceaccounts", "system:authenticated"),
            Map.of());
    static final AuditUser SCHEDULER = new AuditUser("system:kube-scheduler", null, List.of(), Map.of());

    private AuditEvents() {}

    static AuditUser kubelet(String node, String instanceId, String accessKeyId) {
        return new AuditUser(
                "system:node:" + node,
                "aws-iam-authenticator:123456789012:AROANODE",
                List.of("system:bootstrappers", "system:nodes", "system:authenticated"),
                Map.of(
                        "accessKeyId",
                        List.of(accessKeyId),
                        "arn",
                        List.of("arn:aws:sts::123456789012:assumed-role/NodeInstanceRole/" + instanceId),
                        "canonicalArn",
                        List.of("arn:aws:iam::123456789012:role/NodeInstanceRole"),
                        "sessionName",
                        List.of(instanceId)));
    }

    static AuditEvent event(
            String cluster,
            String verb,
            AuditUser user,
            ObjectRef ref,
            int code,
            Instant t,
            String requestObject,
            String responseObject) {
        // Objects go through the production pruner, so tests see only what the pipeline keeps.
        return new AuditEvent(
                "audit-" + IDS.incrementAndGet(),
                cluster,
                "RequestResponse",
                "ResponseComplete",
                verb,
                "/api/v1/...",
                user,
                null,
                List.of("10.0.0.1"),
                "test",
                ref,
                code,
                t,
                t.plusMillis(30),
                "allow",
                "",
                Map.of("authorization.k8s.io/decision", "allow"),
                pruned(ref, requestObject),
                pruned(ref, responseObject),
                "test");
    }

    private static String pruned(ObjectRef ref, String json) {
        if (json == null) {
            return null;
        }
        try {
            return AuditObjectPruner.prune(ref, EventJson.MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A pod create as the ReplicaSet controller makes it: no name in objectRef, everything in responseObject. */
    static AuditEvent createPod(
            String cluster, String ns, String name, String uid, String sa, Instant t, PodCredentialKind creds) {
        ObjectNode pod = EventJson.MAPPER.createObjectNode().put("kind", "Pod").put("apiVersion", "v1");
        pod.putObject("metadata")
                .put("name", name)
                .put("namespace", ns)
                .put("uid", uid)
                .put("creationTimestamp", t.toString());
        ObjectNode spec = pod.putObject("spec").put("serviceAccountName", sa).put("serviceAccount", sa);
        ObjectNode container =
                spec.putArray("containers").addObject().put("name", "app").put("image", "app:1");
        ArrayNode env = container.putArray("env");
        ArrayNode volumes = spec.putArray("volumes");
        if (creds == PodCredentialKind.IRSA) {
            env.addObject().put("name", "AWS_ROLE_ARN").put("value", "arn:aws:iam::123456789012:role/" + sa);
            env.addObject()
                    .put("name", "AWS_WEB_IDENTITY_TOKEN_FILE")
                    .put("value", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token");
            volumes.addObject()
                    .put("name", "aws-iam-token")
                    .putObject("projected")
                    .putArray("sources")
                    .addObject()
                    .putObject("serviceAccountToken")
                    .put("audience", "sts.amazonaws.com")
                    .put("expirationSeconds", 86400)
                    .put("path", "token");
        } else if (creds == PodCredentialKind.POD_IDENTITY) {
            env.addObject()
                    .put("name", "AWS_CONTAINER_CREDENTIALS_FULL_URI")
                    .put("value", "http://169.254.170.23/v1/credentials");
            volumes.addObject()
                    .put("name", "eks-pod-identity-token")
                    .putObject("projected")
                    .putArray("sources")
                    .addObject()
                    .putObject("serviceAccountToken")
                    .put("audience", "pods.eks.amazonaws.com")
                    .put("expirationSeconds", 86400)
                    .put("path", "eks-pod-identity-token");
        }
        pod.putObject("status").put("phase", "Pending");
        return event(
                cluster,
                "create",
                REPLICASET,
                new ObjectRef("pods", null, ns, null, null, null, "v1"),
                201,
                t,
                null,
                pod.toString());
    }

    /** The scheduler's binding: requestObject is a Binding with target.name; uid optional. */
    static AuditEvent bind(String cluster, String ns, String name, String uid, String node, Instant t) {
        ObjectNode binding =
                EventJson.MAPPER.createObjectNode().put("kind", "Binding").put("apiVersion", "v1");
        ObjectNode meta = binding.putObject("metadata").put("name", name).put("namespace", ns);
        if (uid != null) {
            meta.put("uid", uid);
        }
        binding.putObject("target").put("kind", "Node").put("name", node);
        return event(
                cluster,
                "create",
                SCHEDULER,
                new ObjectRef("pods", "binding", ns, name, null, null, "v1"),
                201,
                t,
                binding.toString(),
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\",\"code\":201}");
    }

    /** The kubelet's pods/status patch (Request level: patch body only, with metadata.uid and podIP). */
    static AuditEvent status(String cluster, String ns, String name, String uid, String node, String ip, Instant t) {
        ObjectNode patch = EventJson.MAPPER.createObjectNode();
        patch.putObject("metadata").put("uid", uid);
        ObjectNode status = patch.putObject("status").put("phase", "Running");
        if (ip != null) {
            status.put("podIP", ip);
        }
        return event(
                cluster,
                "patch",
                kubelet(node, "i-0abc", "ASIANODE"),
                new ObjectRef("pods", "status", ns, name, null, null, "v1"),
                200,
                t,
                patch.toString(),
                null);
    }

    /** A graceful delete: objectRef has the name only; the response is a Status (no uid) when uidInResponse is false. */
    static AuditEvent delete(String cluster, String ns, String name, String uidInResponse, Instant t) {
        String response = uidInResponse == null
                ? "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}"
                : "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
                        + ns
                        + "\",\"uid\":\"" + uidInResponse + "\",\"deletionTimestamp\":\"" + t.plusSeconds(30)
                        + "\",\"deletionGracePeriodSeconds\":30},\"spec\":{\"containers\":[]}}";
        return event(
                cluster,
                "delete",
                REPLICASET,
                new ObjectRef("pods", null, ns, name, null, null, "v1"),
                200,
                t,
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\"}",
                response);
    }

    /** A kubelet TokenRequest at Metadata level, as EKS logs it: no request or response object. */
    static AuditEvent tokenRequest(String cluster, String node, String ns, String sa, Instant t) {
        return event(
                cluster,
                "create",
                kubelet(node, "i-0abc", "ASIANODE"),
                new ObjectRef("serviceaccounts", "token", ns, sa, null, null, "v1"),
                201,
                t,
                null,
                null);
    }

    /** A node object update carrying spec.providerID. */
    static AuditEvent nodeObject(String cluster, String node, String providerId, Instant t) {
        String obj = "{\"kind\":\"Node\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + node
                + "\"},\"spec\":{\"providerID\":\"" + providerId + "\"}}";
        return event(
                cluster,
                "create",
                new AuditUser("system:node:" + node, null, List.of("system:nodes"), Map.of()),
                new ObjectRef("nodes", null, null, node, null, null, "v1"),
                201,
                t,
                obj,
                obj);
    }
}
