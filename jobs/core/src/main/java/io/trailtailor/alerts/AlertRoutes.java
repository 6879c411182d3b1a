package io.trailtailor.alerts;

import io.trailtailor.catalog.RequiredAction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rule sees what, and under which key: a call, a session or a Kubernetes API request becomes the
 * observations the rules decide on, each with the key its rule's memory lives under. The Flink stage keys by
 * {@code type + key}, so every decision about one key happens in one place, in event-time order.
 */
public final class AlertRoutes {

    public static final String WORKLOAD = "WORKLOAD|";
    public static final String ROLE = "ROLE|";
    public static final String USER = "USER|";
    public static final String INSTANCE_PROFILE = "INSTANCE_PROFILE";
    static final String POD_IDENTITY = "POD_IDENTITY";

    private AlertRoutes() {}

    /** One observation for one rule, under its key. */
    public record Routed(String type, String key, Observation observation) {}

    /**
     * An attributed CloudTrail call, slimmed: who (role, or the IAM user who made it, else the caller's ARN) and
     * which workload, whether it was denied, and what to show when the mapper found no action.
     */
    public record CallFacts(
            String eventId,
            long time,
            String mechanism,
            String roleArn,
            String userArn,
            String callerArn,
            String cluster,
            String namespace,
            String serviceAccount,
            String podUid,
            boolean denied,
            String eventAction,
            String firstResource) {

        String principal() {
            if (roleArn != null && !roleArn.isBlank()) return roleArn;
            return userArn != null ? userArn : callerArn;
        }
    }

    /**
     * A call and the actions the catalog mapper says it needed: a denied call goes to {@code ACCESS_DENIED} (its
     * first action, or {@code prefix:eventName} when unmapped); an allowed instance-profile call to
     * {@code NODE_ROLE_USED_BY_PODS}; any other allowed call to {@code NEW_ACTION} for its role or user and for its
     * workload.
     */
    public static List<Routed> ofCall(CallFacts c, List<RequiredAction> actions) {
        List<Routed> out = new ArrayList<>();
        String principal = c.principal();
        if (c.denied()) {
            if (principal == null) return out;
            String action = actions.isEmpty() ? c.eventAction() : actions.get(0).action();
            String resource = actions.isEmpty() || actions.get(0).allResources()
                    ? c.firstResource()
                    : actions.get(0).resourceArns().get(0);
            long hour = AccessDenied.hourOf(c.time());
            out.add(new Routed(
                    AlertTypes.ACCESS_DENIED,
                    AlertBaseline.principalKey(principal) + "|" + action + "|" + hour,
                    observation(c, principal, action, resource)));
            return out;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (RequiredAction a : actions) {
            if (!seen.add(a.action())) continue;
            Observation o =
                    observation(c, principal, a.action(), a.resourceArns().get(0));
            boolean role = c.roleArn() != null && !c.roleArn().isBlank();
            if (INSTANCE_PROFILE.equals(c.mechanism())) {
                if (role) {
                    out.add(new Routed(AlertTypes.NODE_ROLE_USED_BY_PODS, AlertBaseline.principalKey(c.roleArn()), o));
                }
                continue;
            }
            if (role) {
                out.add(new Routed(AlertTypes.NEW_ACTION, ROLE + AlertBaseline.principalKey(c.roleArn()), o));
            } else if (c.userArn() != null) {
                out.add(new Routed(AlertTypes.NEW_ACTION, USER + AlertBaseline.principalKey(c.userArn()), o));
            }
            if (o.workload() != null) {
                out.add(new Routed(AlertTypes.NEW_ACTION, WORKLOAD + o.workload(), o));
            }
        }
        return out;
    }

    /**
     * A credential session tied to a workload (IRSA, Pod Identity) goes to {@code UNEXPECTED_WORKLOAD} under its
     * role, at its issue time. A session whose issuing event was not read (no issue time) is not placed in time and
     * is left out.
     */
    public static List<Routed> ofSession(
            String issuingEventId,
            Long issuedAt,
            String mechanism,
            String roleArn,
            String cluster,
            String namespace,
            String serviceAccount,
            String podUid) {
        if (issuedAt == null || roleArn == null || cluster == null || namespace == null || serviceAccount == null) {
            return List.of();
        }
        String action =
                POD_IDENTITY.equals(mechanism) ? "eks-auth:AssumeRoleForPodIdentity" : "sts:AssumeRoleWithWebIdentity";
        Observation o = new Observation(
                issuingEventId,
                issuedAt,
                roleArn,
                mechanism,
                cluster,
                namespace,
                serviceAccount,
                podUid,
                action,
                roleArn);
        return List.of(new Routed(AlertTypes.UNEXPECTED_WORKLOAD, AlertBaseline.principalKey(roleArn), o));
    }

    /**
     * A Kubernetes API request by an IAM principal goes to {@code NEW_K8S_PRINCIPAL} under the cluster it called.
     * The principal is the session's role when it was joined to one, else the ARN the authenticator reported.
     */
    public static List<Routed> ofK8sRequest(
            String auditId,
            long time,
            String targetCluster,
            String principalArn,
            String mechanism,
            String verb,
            String resourcePath,
            String namespace) {
        if (targetCluster == null || principalArn == null || principalArn.isBlank()) return List.of();
        Observation o = new Observation(
                auditId,
                time,
                principalArn,
                mechanism,
                targetCluster,
                namespace,
                null,
                null,
                verb == null ? null : "k8s:" + verb,
                resourcePath);
        return List.of(new Routed(AlertTypes.NEW_K8S_PRINCIPAL, targetCluster, o));
    }

    private static Observation observation(CallFacts c, String principal, String action, String resource) {
        return new Observation(
                c.eventId(),
                c.time(),
                principal,
                c.mechanism(),
                c.cluster(),
                c.namespace(),
                c.serviceAccount(),
                c.podUid(),
                action,
                resource);
    }
}
