package io.trailtailor.findings.node;

import io.trailtailor.findings.FindingContext;
import io.trailtailor.grants.GrantExpander;
import io.trailtailor.grants.ManagedPolicy;
import io.trailtailor.grants.PrincipalPolicies;
import io.trailtailor.grants.SourcedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The AWS managed policies an EKS worker node is expected to carry, and the actions they allow. The three the EKS
 * user guide requires (WorkerNode, CNI, ECR read-only) form the baseline. Three more are accepted extras because
 * they are the documented narrower or operational variants of the same duties, not application grants:
 * AmazonEKSWorkerNodeMinimalPolicy (the smaller WorkerNode policy for EKS Auto Mode / newer AMIs),
 * AmazonEC2ContainerRegistryPullOnly (ECR read-only without the describe calls) and AmazonSSMManagedInstanceCore
 * (the SSM agent most node AMIs run, so operators can reach nodes without SSH).
 */
final class NodeBaseline {

    static final String CNI_POLICY = "AmazonEKS_CNI_Policy";

    static final List<String> REQUIRED =
            List.of("AmazonEKSWorkerNodePolicy", CNI_POLICY, "AmazonEC2ContainerRegistryReadOnly");

    static final List<String> ACCEPTED_EXTRAS = List.of(
            "AmazonEKSWorkerNodeMinimalPolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore");

    private NodeBaseline() {}

    /** Whether the ARN names a baseline or accepted AWS managed policy, in any partition. */
    static boolean covers(String policyArn) {
        return names().stream().anyMatch(n -> policyArn.endsWith(":iam::aws:policy/" + n));
    }

    static boolean isCniPolicy(String policyArn) {
        return policyArn.endsWith(":iam::aws:policy/" + CNI_POLICY);
    }

    /**
     * Every action the baseline and the accepted extras allow, expanded against the catalog: a node-role call
     * outside this set is not something the kubelet, the CNI, the image puller or the SSM agent does.
     */
    static SortedSet<String> actions(FindingContext ctx) {
        List<SourcedDocument> docs = new ArrayList<>();
        for (String name : names()) {
            String arn = "arn:aws:iam::aws:policy/" + name;
            ctx.managedPolicies()
                    .byArn(arn)
                    .map(ManagedPolicy::document)
                    .ifPresent(d -> docs.add(new SourcedDocument(arn, SourcedDocument.Kind.MANAGED, null, d)));
        }
        PrincipalPolicies p = new PrincipalPolicies("node-baseline", docs, null, null, List.of());
        SortedSet<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        out.addAll(new GrantExpander(ctx.catalog()).expand(p).actions());
        return out;
    }

    private static Set<String> names() {
        Set<String> all = new TreeSet<>(REQUIRED);
        all.addAll(ACCEPTED_EXTRAS);
        return all;
    }
}
