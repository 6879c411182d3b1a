package io.trailtailor.findings.rbac;

import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.PodIdentityAssociation;
import io.trailtailor.grants.cluster.ServiceAccountInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TT-RBAC-005: a service account whose token is auto-mounted ({@code automountServiceAccountToken} true or unset)
 * that made no API-server request in the window, allowed or denied. The snapshot holds service accounts, not pods,
 * so a pod's own {@code automountServiceAccountToken: false} is not seen; the detail says to check it. The IRSA and
 * Pod Identity tokens are separate projected volumes, so turning automount off does not break AWS access.
 */
public final class AutomountUnusedToken implements Rule {

    public AutomountUnusedToken() {}

    @Override
    public String id() {
        return "TT-RBAC-005";
    }

    @Override
    public List<Finding> evaluate(FindingContext context, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSnapshot c : context.clusters().values()) {
            if (!K8sUses.audited(context, c.cluster())) continue;
            for (ServiceAccountInfo sa : c.serviceAccounts()) {
                if (Boolean.FALSE.equals(sa.automountToken())) continue;
                boolean called = K8sUses.ofCluster(context, c.cluster()).stream()
                        .anyMatch(r -> sa.subject().equals(r.username()));
                if (!called) out.add(finding(context, info, c, sa));
            }
        }
        return out;
    }

    private static Finding finding(FindingContext ctx, RuleInfo info, ClusterSnapshot c, ServiceAccountInfo sa) {
        String podIdentityRole = c.podIdentityAssociations().stream()
                .filter(a -> a.namespace().equals(sa.namespace())
                        && a.serviceAccount().equals(sa.name()))
                .map(PodIdentityAssociation::effectiveRoleArn)
                .findFirst()
                .orElse(null);
        Map<String, Object> facts = new TreeMap<>();
        facts.put("automountTokenSetting", sa.automountToken() == null ? "unset (true)" : "true");
        facts.put("apiServerRequests", 0);
        if (sa.irsaRoleArn() != null) facts.put("irsaRoleArn", sa.irsaRoleArn());
        if (podIdentityRole != null) facts.put("podIdentityRoleArn", podIdentityRole);
        String aws = sa.irsaRoleArn() != null || podIdentityRole != null
                ? " Its AWS credentials come from a separate projected token (IRSA / Pod Identity), which stays."
                : "";
        String patch = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: " + sa.name() + "\n  namespace: "
                + sa.namespace() + "\nautomountServiceAccountToken: false\n";
        return Finding.of(
                info,
                Severity.LOW,
                K8sUses.unusedConfidence(ctx, sa.createdAt()),
                new Finding.Subject(null, c.cluster(), sa.namespace(), sa.name(), "kube-system".equals(sa.namespace())),
                "Service account " + sa.namespace() + "/" + sa.name() + " mounts a token it never uses",
                "Pods of " + sa.namespace() + "/" + sa.name() + " get an API-server token mounted, and the SA made"
                        + " no request in the window. Check that no pod sets automountServiceAccountToken: true."
                        + aws,
                "serviceaccount:" + sa.namespace() + "/" + sa.name(),
                List.of(),
                new Evidence(
                        List.of(new Evidence.Granted(
                                "SA_TOKEN",
                                "ServiceAccount/" + sa.namespace() + "/" + sa.name(),
                                null,
                                List.of(),
                                List.of())),
                        List.of(),
                        facts),
                new Recommendation(
                        RecommendationKind.SET_AUTOMOUNT_FALSE,
                        "Set automountServiceAccountToken: false on " + sa.namespace() + "/" + sa.name() + ".",
                        null,
                        patch,
                        "yaml"));
    }
}
