package io.trailtailor.grants;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One trust statement that lets EKS Pod Identity ({@code Service: pods.eks.amazonaws.com}) assume the role. Pod
 * Identity sends the session tags {@code eks-cluster-arn}, {@code eks-cluster-name}, {@code kubernetes-namespace},
 * {@code kubernetes-service-account}, {@code kubernetes-pod-name}, {@code kubernetes-pod-uid} (EKS User Guide
 * {@code pod-id-role}); a statement conditioned on none of them nor on the source account or organisation lets any
 * association in any cluster of the account use the role.
 */
public record PodIdentityTrust(TrustStatement statement) {

    public static final String SERVICE = "pods.eks.amazonaws.com";

    /** Condition keys (lowercase) that scope a Pod Identity trust to workloads, clusters or the caller's account. */
    public static final List<String> SCOPING_KEYS = List.of(
            "aws:requesttag/eks-cluster-arn",
            "aws:requesttag/eks-cluster-name",
            "aws:requesttag/kubernetes-namespace",
            "aws:requesttag/kubernetes-service-account",
            "aws:sourceaccount",
            "aws:sourcearn",
            "aws:sourceorgid",
            "aws:sourceorgpaths");

    public static List<PodIdentityTrust> of(TrustPolicy policy) {
        return TrustEvaluator.allowStatementsFor(policy, "Service", "sts:AssumeRole").stream()
                .filter(s -> s.principals("Service").stream().anyMatch(SERVICE::equalsIgnoreCase))
                .map(PodIdentityTrust::new)
                .toList();
    }

    /** Whether the statement also allows {@code sts:TagSession}, which Pod Identity needs to pass its tags. */
    public boolean allowsTagSession() {
        return TrustEvaluator.actionMatches(statement, "sts:TagSession");
    }

    /** The scoping keys the statement conditions on, lowercase and sorted; empty means unscoped. */
    public List<String> scopingKeys() {
        TreeSet<String> out = new TreeSet<>();
        statement
                .conditions()
                .values()
                .forEach(keys -> keys.keySet().forEach(k -> {
                    String lower = k.toLowerCase(java.util.Locale.ROOT);
                    if (SCOPING_KEYS.contains(lower)) out.add(lower);
                }));
        return List.copyOf(out);
    }

    public boolean scoped() {
        return !scopingKeys().isEmpty();
    }

    /** The request Pod Identity makes for a pod of {@code namespace}/{@code serviceAccount} in a cluster. */
    public static AssumeRequest request(String clusterArn, String namespace, String serviceAccount, String account) {
        String clusterName = clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
        return new AssumeRequest(
                "Service",
                SERVICE,
                "sts:AssumeRole",
                Map.of(
                        "aws:RequestTag/eks-cluster-arn", List.of(clusterArn),
                        "aws:RequestTag/eks-cluster-name", List.of(clusterName),
                        "aws:RequestTag/kubernetes-namespace", List.of(namespace),
                        "aws:RequestTag/kubernetes-service-account", List.of(serviceAccount),
                        "aws:SourceAccount", List.of(account)));
    }
}
