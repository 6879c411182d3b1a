package io.trailtailor.rbac;

import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.AuditUser;
import java.util.Locale;
import java.util.Optional;

/** Turns normalized audit events into {@link K8sAccess} rows: the edge between the event and rbac packages. */
public final class K8sAccesses {

    private K8sAccesses() {}

    /**
     * The access an audit event records, or empty when it is not a resource request (non-resource URLs such as
     * {@code /healthz} carry no objectRef) or has no user. The principal is, in order: the IAM ARN EKS puts in
     * {@code user.extra} ({@code canonicalArn}, the role or user ARN, before {@code arn}, which names the session),
     * else the Kubernetes username (service accounts are {@code system:serviceaccount:<ns>:<sa>}). Impersonated
     * requests are attributed to the impersonated user, whose permissions the request was checked against. A request
     * is allowed unless the authorizer said otherwise or the response was 401/403.
     */
    public static Optional<K8sAccess> from(AuditEvent e) {
        if (e.objectRef() == null || e.objectRef().resource() == null || e.verb() == null) return Optional.empty();
        AuditUser user = e.impersonatedUser() != null && e.impersonatedUser().username() != null
                ? e.impersonatedUser()
                : e.user();
        String principal = firstNonBlank(user.extraValue("canonicalArn"), user.extraValue("arn"), user.username());
        if (principal == null || e.cluster() == null) return Optional.empty();
        String decision = e.decision() != null ? e.decision() : e.annotations().get("authorization.k8s.io/decision");
        boolean allowed =
                !(decision != null && decision.toLowerCase(Locale.ROOT).startsWith("forbid"))
                        && !(e.responseCode() != null && (e.responseCode() == 401 || e.responseCode() == 403));
        return Optional.of(new K8sAccess(
                e.cluster(),
                principal,
                e.verb(),
                e.objectRef().apiGroup(),
                e.objectRef().resource(),
                e.objectRef().subresource(),
                e.objectRef().namespace(),
                e.objectRef().name(),
                allowed));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }
}
