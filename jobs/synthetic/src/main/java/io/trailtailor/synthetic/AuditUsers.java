package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailtailor.synthetic.Model.Node;
import io.trailtailor.synthetic.Model.Session;
import java.io.IOException;

/** The {@code user} of an audit event: a controller, a plain user, or an IAM principal let in by EKS. */
final class AuditUsers {
    /** The kubelet's user agent (the kubelet registers nodes, renews leases, patches pod status). */
    static final String KUBELET_UA = "kubelet/v1.30.4 (linux/amd64) kubernetes/a737599";

    private AuditUsers() {}

    /** Why an EKS access policy allowed the request. */
    static String eksAccessPolicy(String policy) {
        return "EKS Access Policy: allowed by ClusterRoleBinding \"arn:aws:eks::aws:cluster-access-policy/" + policy
                + "\" of ClusterRole \"" + policy + "\"";
    }

    /** A kube-system controller's service account. */
    static void controller(JsonGenerator g, String controller, String uid) throws IOException {
        g.writeStartObject();
        g.writeStringField("username", "system:serviceaccount:kube-system:" + controller);
        g.writeStringField("uid", uid);
        g.writeArrayFieldStart("groups");
        g.writeString("system:serviceaccounts");
        g.writeString("system:serviceaccounts:kube-system");
        g.writeString("system:authenticated");
        g.writeEndArray();
        g.writeEndObject();
    }

    static void simple(JsonGenerator g, String username, String... groups) throws IOException {
        g.writeStartObject();
        g.writeStringField("username", username);
        g.writeArrayFieldStart("groups");
        for (String gr : groups) {
            g.writeString(gr);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** An IAM principal through aws-iam-authenticator / access entries: user.extra names the AWS session. */
    static void iam(JsonGenerator g, Session s) throws IOException {
        awsAuthenticated(g, s.role.sessionArn(s.sessionName), s, "system:authenticated");
    }

    /** The kubelet of {@code node}, authenticated with the node's instance-profile session at {@code t}. */
    static void kubelet(JsonGenerator g, Node node, long t) throws IOException {
        Session s = node.sessions.at(t);
        awsAuthenticated(
                g, "system:node:" + node.name, s, "system:bootstrappers", "system:nodes", "system:authenticated");
    }

    private static void awsAuthenticated(JsonGenerator g, String username, Session s, String... groups)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("username", username);
        g.writeStringField("uid", "aws-iam-authenticator:" + s.role.account.id + ":" + s.role.roleId);
        g.writeArrayFieldStart("groups");
        for (String gr : groups) {
            g.writeString(gr);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("extra");
        extra(g, "accessKeyId", s.accessKeyId);
        extra(g, "arn", s.arn());
        extra(g, "canonicalArn", s.role.arn());
        extra(g, "principalId", s.role.roleId);
        extra(g, "sessionName", s.sessionName);
        extra(g, "sigs.k8s.io/aws-iam-authenticator/principalId", s.role.roleId);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void extra(JsonGenerator g, String key, String value) throws IOException {
        g.writeArrayFieldStart(key);
        g.writeString(value);
        g.writeEndArray();
    }
}
