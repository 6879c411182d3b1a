package io.trailtailor.findings.rbac;

import io.trailtailor.findings.used.K8sRequestUse;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.RbacBindingDef;
import io.trailtailor.grants.cluster.RbacGrants;
import io.trailtailor.rbac.K8sAccess;
import io.trailtailor.rbac.PolicyRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One binding subject of a cluster with everything bound to it and the allowed requests it made: the unit the
 * per-subject rules (TT-RBAC-002, TT-RBAC-004) judge.
 */
public record SubjectGrants(
        String cluster, RbacBindingDef.Subject subject, List<RbacGrants.BoundRules> bound, List<K8sRequestUse> used) {

    public SubjectGrants {
        bound = List.copyOf(bound);
        used = List.copyOf(used);
    }

    /** Every distinct subject of the cluster's bindings (ServiceAccount namespaces resolved), in snapshot order. */
    public static List<SubjectGrants> of(ClusterSnapshot c, List<K8sRequestUse> requests) {
        Map<RbacBindingDef.Subject, Boolean> subjects = new LinkedHashMap<>();
        for (RbacBindingDef b : c.bindings()) {
            for (RbacBindingDef.Subject s : b.subjects()) subjects.put(RbacSubjects.resolved(s, b), true);
        }
        RbacGrants rbac = c.rbac();
        List<SubjectGrants> out = new ArrayList<>();
        for (RbacBindingDef.Subject s : subjects.keySet()) {
            List<RbacGrants.BoundRules> bound = rbac.forSubject(s.kind(), s.name(), s.namespace());
            List<K8sRequestUse> used = requests.stream()
                    .filter(r -> r.allowed() && RbacSubjects.matches(s, r))
                    .toList();
            out.add(new SubjectGrants(c.cluster(), s, bound, used));
        }
        return out;
    }

    public String principal() {
        return RbacSubjects.principal(subject);
    }

    public boolean system() {
        return RbacSubjects.system(subject);
    }

    /** The newest creation time among the bindings (null if none is known): when the grant set became whole. */
    public Instant newestBinding() {
        return bound.stream()
                .map(b -> b.binding().createdAt())
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    /** Whether a rule of this binding scope allowed the request (a RoleBinding only in its namespace). */
    public static boolean allows(RbacGrants.BoundRules b, PolicyRule rule, K8sAccess a) {
        return (b.clusterWide() || Objects.equals(b.namespace(), a.namespace())) && rule.allows(a);
    }

    /** The subject's allowed requests as accesses. */
    public List<K8sAccess> accesses() {
        return K8sUses.accesses(used, principal());
    }
}
