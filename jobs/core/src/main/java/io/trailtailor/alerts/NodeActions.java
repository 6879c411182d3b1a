package io.trailtailor.alerts;

import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.grants.GrantExpander;
import io.trailtailor.grants.ManagedPolicies;
import io.trailtailor.grants.ManagedPolicy;
import io.trailtailor.grants.PrincipalPolicies;
import io.trailtailor.grants.SourcedDocument;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The actions an EKS worker node's own software makes (kubelet, CNI, image pulls, SSM agent): what the AWS managed
 * node policies allow, expanded against the IAM catalog. The same policy set as finding TT-NODE-002's baseline, from
 * the bundled copy of the managed policies, so it needs no IAM snapshot. A node-role call outside it came from
 * something else on the node, usually a pod using the instance's credentials.
 */
public final class NodeActions implements Serializable {

    /** The policies the EKS user guide requires, and their documented narrower or operational variants. */
    public static final List<String> POLICIES = List.of(
            "AmazonEKSWorkerNodePolicy",
            "AmazonEKS_CNI_Policy",
            "AmazonEC2ContainerRegistryReadOnly",
            "AmazonEKSWorkerNodeMinimalPolicy",
            "AmazonEC2ContainerRegistryPullOnly",
            "AmazonSSMManagedInstanceCore");

    private final Set<String> actions;

    public NodeActions(Set<String> actions) {
        Set<String> lower = new TreeSet<>();
        actions.forEach(a -> lower.add(a.toLowerCase(Locale.ROOT)));
        this.actions = lower;
    }

    public static NodeActions none() {
        return new NodeActions(Set.of());
    }

    /** The managed node policies' actions, from the bundled policies and catalog. */
    public static NodeActions fromManagedPolicies(ManagedPolicies policies, IamCatalog catalog) {
        List<SourcedDocument> docs = new ArrayList<>();
        for (String name : POLICIES) {
            String arn = "arn:aws:iam::aws:policy/" + name;
            policies.byArn(arn)
                    .map(ManagedPolicy::document)
                    .ifPresent(d -> docs.add(new SourcedDocument(arn, SourcedDocument.Kind.MANAGED, null, d)));
        }
        PrincipalPolicies p = new PrincipalPolicies("node-baseline", docs, null, null, List.of());
        return new NodeActions(new GrantExpander(catalog).expand(p).actions());
    }

    public boolean covers(String action) {
        return action != null && actions.contains(action.toLowerCase(Locale.ROOT));
    }

    public int size() {
        return actions.size();
    }
}
