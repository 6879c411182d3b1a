package io.trailtailor.grants.cluster;

import io.trailtailor.rbac.EksAccessPolicies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * From {@code aws eks list-associated-access-policies}: an EKS access policy associated with a principal, at cluster
 * or namespace scope.
 */
public record AssociatedAccessPolicy(
        String clusterName,
        String principalArn,
        String policyArn,
        String scopeType,
        List<String> namespaces,
        Instant associatedAt) {

    public AssociatedAccessPolicy {
        namespaces = List.copyOf(namespaces);
    }

    /** {@code arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy} → {@code AmazonEKSViewPolicy}. */
    public String policyName() {
        return policyArn.substring(policyArn.lastIndexOf('/') + 1);
    }

    public boolean clusterScope() {
        return "cluster".equalsIgnoreCase(scopeType);
    }

    /** The policy's Kubernetes permissions, from the committed EKS access policy data (empty if not listed there). */
    public Optional<EksAccessPolicies.AccessPolicy> permissions(EksAccessPolicies policies) {
        return policies.byName(policyName());
    }
}
