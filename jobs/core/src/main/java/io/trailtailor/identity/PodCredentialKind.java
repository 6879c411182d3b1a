package io.trailtailor.identity;

/** Which AWS credentials a pod's spec wires in; UNKNOWN when its spec was never seen (created before the window). */
public enum PodCredentialKind {
    IRSA,
    POD_IDENTITY,
    NONE,
    UNKNOWN
}
