package io.trailtailor.findings.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.grants.PodIdentityTrust;
import io.trailtailor.grants.RoleGrant;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.PodIdentityAssociation;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * TT-WID-004 POD_IDENTITY_TRUST_UNSCOPED: a trust of {@code pods.eks.amazonaws.com} with no condition on the Pod
 * Identity session tags nor on the source account lets any association in any cluster of the account use the role.
 * The fix conditions the trust on the tag values observed: the associations naming the role and the workloads seen
 * using it by Pod Identity.
 */
public final class PodIdentityTrustUnscoped implements Rule {

    public static final String ID = "TT-WID-004";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        if (!ctx.hasIamSnapshot()) return List.of();
        List<Finding> out = new ArrayList<>();
        for (RoleGrant role : ctx.roles()) {
            for (PodIdentityTrust t : PodIdentityTrust.of(role.trust())) {
                if (!t.scoped()) out.add(finding(ctx, info, role, t));
            }
        }
        return out;
    }

    private static Finding finding(FindingContext ctx, RuleInfo info, RoleGrant role, PodIdentityTrust t) {
        TreeSet<String> clusterArns = new TreeSet<>();
        TreeSet<String> namespaces = new TreeSet<>();
        TreeSet<String> serviceAccounts = new TreeSet<>();
        for (ClusterSnapshot snap : ctx.clusters().values()) {
            for (PodIdentityAssociation a : snap.podIdentityAssociations()) {
                if (!role.arn().equals(a.roleArn())) continue;
                namespaces.add(a.namespace());
                serviceAccounts.add(a.serviceAccount());
                snap.eks().map(e -> e.arn()).ifPresent(clusterArns::add);
            }
        }
        for (WorkloadSummary w : ctx.used().workloadsOfRole(role.arn())) {
            if (!w.mechanisms().contains(Mechanism.POD_IDENTITY)) continue;
            namespaces.add(w.namespace());
            serviceAccounts.add(w.serviceAccount());
            ClusterSnapshot snap = ctx.clusters().get(w.cluster());
            if (snap != null) snap.eks().map(e -> e.arn()).ifPresent(clusterArns::add);
        }
        int index = role.trust().statements().indexOf(t.statement());
        String statement = t.statement().sid() != null ? t.statement().sid() : "#" + index;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("clusterArns", List.copyOf(clusterArns));
        facts.put("namespaces", List.copyOf(namespaces));
        facts.put("serviceAccounts", List.copyOf(serviceAccounts));
        facts.put("allowsTagSession", t.allowsTagSession());
        return Finding.of(
                info,
                Severity.MEDIUM,
                namespaces.isEmpty() ? Confidence.MEDIUM : Confidence.HIGH,
                Finding.Subject.principal(role.arn(), false),
                "Pod Identity trust of " + role.name() + " is not scoped to a cluster, namespace or account",
                "Statement " + statement + " trusts " + PodIdentityTrust.SERVICE + " with none of "
                        + PodIdentityTrust.SCOPING_KEYS,
                "trust:" + statement + ":" + PodIdentityTrust.SERVICE,
                List.of("sts:AssumeRole", "sts:TagSession"),
                new Evidence(
                        List.of(new Evidence.Granted(
                                "TRUST_STATEMENT",
                                role.arn(),
                                statement,
                                t.statement().actions(),
                                List.of(PodIdentityTrust.SERVICE))),
                        List.of(),
                        facts),
                new Recommendation(
                        RecommendationKind.SCOPE_TRUST,
                        "Condition the trust on the observed Pod Identity tags and aws:SourceAccount",
                        null,
                        patch(role.account(), clusterArns, namespaces, serviceAccounts),
                        "json"));
    }

    /** The trust with StringEquals on the observed tag values (EKS User Guide {@code pod-id-role}). */
    static String patch(
            String account, TreeSet<String> clusterArns, TreeSet<String> namespaces, TreeSet<String> serviceAccounts) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Version", "2012-10-17");
        ObjectNode s = doc.putArray("Statement").addObject();
        s.put("Effect", "Allow");
        s.putObject("Principal").put("Service", PodIdentityTrust.SERVICE);
        s.putArray("Action").add("sts:AssumeRole").add("sts:TagSession");
        ObjectNode eq = s.putObject("Condition").putObject("StringEquals");
        eq.put("aws:SourceAccount", account);
        put(eq, "aws:RequestTag/eks-cluster-arn", clusterArns);
        put(eq, "aws:RequestTag/kubernetes-namespace", namespaces);
        put(eq, "aws:RequestTag/kubernetes-service-account", serviceAccounts);
        return doc.toPrettyString();
    }

    private static void put(ObjectNode eq, String key, TreeSet<String> values) {
        if (values.isEmpty()) return;
        ArrayNode a = eq.putArray(key);
        values.forEach(a::add);
    }
}
