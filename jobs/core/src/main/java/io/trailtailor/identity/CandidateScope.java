package io.trailtailor.identity;

/**
 * The keyed state that holds the pods an attribution needs, for routing a (call, session) pair in a keyed job:
 * {@link Kind#SERVICE_ACCOUNT} → pods keyed by (cluster, namespace, serviceAccount); {@link Kind#NODE} → the node
 * keyed by instanceId, then its pods by (cluster, node); {@link Kind#POD_NAME} → pods keyed by
 * {@link PodIdentitySessionName#routingKey(String, String)} (tags-less Pod Identity: the session name may be
 * truncated, so only its first characters are a safe key); {@link Kind#NONE} → no pod state needed.
 */
public record CandidateScope(
        Kind kind, String cluster, String namespace, String serviceAccount, String instanceId, String podRoutingKey) {

    public enum Kind {
        NONE,
        SERVICE_ACCOUNT,
        NODE,
        POD_NAME
    }

    static final CandidateScope NONE = new CandidateScope(Kind.NONE, null, null, null, null, null);

    /** What the attributor needs to see for this session. */
    public static CandidateScope of(CredentialSession s) {
        if (s == null) {
            return NONE;
        }
        return switch (s.effectiveMechanism()) {
            case IRSA ->
                s.namespace() != null && s.serviceAccount() != null
                        ? new CandidateScope(
                                Kind.SERVICE_ACCOUNT, s.cluster(), s.namespace(), s.serviceAccount(), null, null)
                        : NONE;
            case POD_IDENTITY, AWS_SERVICE -> {
                PodIdentitySessionName name = PodIdentitySessionName.parse(s.sessionName(), null);
                yield s.podUid() == null && name != null
                        ? new CandidateScope(
                                Kind.POD_NAME, s.cluster(), s.namespace(), s.serviceAccount(), null, name.routingKey())
                        : NONE;
            }
            case INSTANCE_PROFILE ->
                s.instanceId() != null ? new CandidateScope(Kind.NODE, null, null, null, s.instanceId(), null) : NONE;
            default -> NONE;
        };
    }
}
