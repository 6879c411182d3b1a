package io.trailtailor.identity;

/** How a set of AWS credentials came to exist; the names are the output contract of DESIGN.md. */
public enum Mechanism {
    IRSA,
    POD_IDENTITY,
    INSTANCE_PROFILE,
    WEB_IDENTITY,
    ROLE_CHAIN,
    SAML,
    IAM_USER,
    AWS_SERVICE,
    ROOT,
    UNKNOWN;

    /** Mechanisms whose credentials belong to a Kubernetes workload (or a node that runs them). */
    public boolean isKubernetes() {
        return this == IRSA || this == POD_IDENTITY || this == INSTANCE_PROFILE;
    }
}
