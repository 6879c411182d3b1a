package io.trailtailor.findings.used;

import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the input shows was used, as the job summed it: IAM usage per role, user and workload; workloads with
 * their roles and mechanisms; Kubernetes requests with the binding that allowed them; node-role calls with their
 * candidate pods; and the window the input covers. Immutable; indexes are built once.
 */
public final class UsedSide {

    private final List<UsedAction> actions;
    private final List<WorkloadSummary> workloads;
    private final List<K8sRequestUse> k8sRequests;
    private final List<NodeRoleCall> nodeRoleCalls;
    private final Instant windowFrom;
    private final Instant windowTo;
    private final Map<String, List<UsedAction>> byPrincipal = new LinkedHashMap<>();

    public UsedSide(
            List<UsedAction> actions,
            List<WorkloadSummary> workloads,
            List<K8sRequestUse> k8sRequests,
            List<NodeRoleCall> nodeRoleCalls,
            Instant windowFrom,
            Instant windowTo) {
        this.actions = List.copyOf(actions);
        this.workloads = List.copyOf(workloads);
        this.k8sRequests = List.copyOf(k8sRequests);
        this.nodeRoleCalls = List.copyOf(nodeRoleCalls);
        this.windowFrom = windowFrom;
        this.windowTo = windowTo;
        for (UsedAction a : this.actions) {
            byPrincipal
                    .computeIfAbsent(a.kind() + '\u0000' + a.principal(), k -> new ArrayList<>())
                    .add(a);
        }
    }

    public static UsedSide empty() {
        return new UsedSide(List.of(), List.of(), List.of(), List.of(), null, null);
    }

    public List<UsedAction> actions() {
        return actions;
    }

    public List<WorkloadSummary> workloads() {
        return workloads;
    }

    public List<K8sRequestUse> k8sRequests() {
        return k8sRequests;
    }

    public List<NodeRoleCall> nodeRoleCalls() {
        return nodeRoleCalls;
    }

    /** The first and last event time of the input; null when the input was empty. */
    public Instant windowFrom() {
        return windowFrom;
    }

    public Instant windowTo() {
        return windowTo;
    }

    /** Usage rows (successful and denied) of one principal: kind {@link UsedAction#ROLE} and a role ARN, etc. */
    public List<UsedAction> of(String kind, String principal) {
        return byPrincipal.getOrDefault(kind + '\u0000' + principal, List.of());
    }

    public List<UsedAction> ofRole(String roleArn) {
        return of(UsedAction.ROLE, roleArn);
    }

    public List<UsedAction> ofWorkload(String cluster, String namespace, String serviceAccount) {
        return of(UsedAction.WORKLOAD, cluster + "/" + namespace + "/" + serviceAccount);
    }

    /** The workloads whose credentials came from the role, with the mechanisms they used it by. */
    public List<WorkloadSummary> workloadsOfRole(String roleArn) {
        return workloads.stream().filter(w -> w.roleArns().contains(roleArn)).toList();
    }

    /** Service prefixes with at least one call of any principal in the input (successful or denied). */
    public Set<String> servicesSeen() {
        TreeSet<String> out = new TreeSet<>();
        actions.forEach(a -> out.add(a.service()));
        return Collections.unmodifiableSet(out);
    }

    /** Distinct actions (canonical spelling as recorded) anyone called, successful or denied. */
    public Set<String> actionsSeen() {
        TreeSet<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        actions.forEach(a -> out.add(a.action()));
        return Collections.unmodifiableSet(out);
    }

    /** Whether any workload used the role by this mechanism. */
    public boolean roleUsedBy(String roleArn, Mechanism mechanism) {
        return workloadsOfRole(roleArn).stream().anyMatch(w -> w.mechanisms().contains(mechanism));
    }
}
