package io.trailtailor.grants.cluster;

/**
 * An IAM role a Kubernetes service account is configured to receive: through the IRSA annotation
 * {@code eks.amazonaws.com/role-arn} or a Pod Identity association (its target role when role chaining is set).
 */
public record WorkloadRole(
        String cluster, String namespace, String serviceAccount, String roleArn, Mechanism mechanism) {

    /** How the role reaches the pod. */
    public enum Mechanism {
        IRSA,
        POD_IDENTITY
    }

    public String subject() {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }
}
