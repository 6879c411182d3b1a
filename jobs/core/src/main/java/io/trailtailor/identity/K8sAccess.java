package io.trailtailor.identity;

import io.trailtailor.event.AuditEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * One Kubernetes API request made by an IAM principal, joined to the AWS session behind it: "pod X of cluster A,
 * through Pod Identity role R, created pods in cluster B namespace jobs" is one row. Session fields are null when
 * the session is unknown. Keyed by {@code accessKeyId}, the same key as the sessions.
 */
public record K8sAccess(
        String auditId,
        Instant time,
        String targetCluster,
        String verb,
        String apiGroup,
        String resource,
        String subresource,
        String namespace,
        String name,
        String decision,
        String username,
        String iamArn,
        String accessKeyId,
        Mechanism mechanism,
        String roleArn,
        String rootPrincipal,
        String sourceCluster,
        String sourceNamespace,
        String sourceServiceAccount,
        String sourcePodUid) {

    /** The access key an IAM-authenticated audit event was made with, or null for other principals. */
    public static String accessKeyOf(AuditEvent e) {
        return e.user().extraValue("accessKeyId");
    }

    /** Whether the request was authenticated by an IAM principal (aws-iam-authenticator or access entries). */
    public static boolean isIamAuthenticated(AuditEvent e) {
        return e.user().extraValue("arn") != null || accessKeyOf(e) != null;
    }

    /**
     * The row for an IAM-authenticated audit event (empty for others). {@code session} may be null when the key is
     * unknown; kubelets (system:node users) are included, their session being the node's instance profile.
     */
    public static Optional<K8sAccess> of(AuditEvent e, CredentialSession session) {
        if (!isIamAuthenticated(e)) {
            return Optional.empty();
        }
        var ref = e.objectRef();
        String decision = e.decision() != null ? e.decision() : e.annotations().get("authorization.k8s.io/decision");
        boolean hasSession = session != null;
        return Optional.of(new K8sAccess(
                e.auditId(),
                AuditRouting.earliest(e),
                e.cluster(),
                e.verb(),
                ref == null ? null : ref.apiGroup(),
                e.resource(),
                e.subresource(),
                ref == null ? null : ref.namespace(),
                ref == null ? null : ref.name(),
                decision,
                e.user().username(),
                e.user().extraValue("arn"),
                accessKeyOf(e),
                hasSession ? session.mechanism() : null,
                hasSession ? session.roleArn() : e.user().extraValue("canonicalArn"),
                hasSession ? session.rootPrincipal() : null,
                hasSession ? session.cluster() : null,
                hasSession ? session.namespace() : null,
                hasSession ? session.serviceAccount() : null,
                hasSession ? session.podUid() : null));
    }
}
