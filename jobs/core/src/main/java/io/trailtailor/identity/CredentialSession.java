package io.trailtailor.identity;

import java.time.Instant;

/**
 * One set of AWS credentials, keyed by {@code accessKeyId}, with what is known of who holds them. Built from the
 * event that issued them ({@code issuerInWindow=true}) or inferred from a call made with them when the issuing event
 * is outside the window ({@code issuerInWindow=false}, fewer fields). Workload fields (cluster, namespace,
 * serviceAccount, podName, podUid, instanceId) are null when unknown; a role-chain session inherits them from the
 * root of its chain once {@link SessionChain#resolve} has run.
 */
public record CredentialSession(
        String accessKeyId,
        Mechanism mechanism,
        String roleArn,
        String sessionArn,
        String sessionName,
        String accountId,
        Instant issuedAt,
        Instant expiresAt,
        String issuingEventId,
        String parentAccessKeyId,
        String rootPrincipal,
        Mechanism rootMechanism,
        String cluster,
        String namespace,
        String serviceAccount,
        String podName,
        String podUid,
        String instanceId,
        String webIdProvider,
        boolean issuerInWindow) {

    public CredentialSession {
        mechanism = mechanism == null ? Mechanism.UNKNOWN : mechanism;
        rootMechanism = rootMechanism == null ? mechanism : rootMechanism;
    }

    public static Builder builder(String accessKeyId, Mechanism mechanism) {
        return new Builder(accessKeyId, mechanism);
    }

    public Builder toBuilder() {
        Builder b = new Builder(accessKeyId, mechanism);
        b.roleArn = roleArn;
        b.sessionArn = sessionArn;
        b.sessionName = sessionName;
        b.accountId = accountId;
        b.issuedAt = issuedAt;
        b.expiresAt = expiresAt;
        b.issuingEventId = issuingEventId;
        b.parentAccessKeyId = parentAccessKeyId;
        b.rootPrincipal = rootPrincipal;
        b.rootMechanism = rootMechanism;
        b.cluster = cluster;
        b.namespace = namespace;
        b.serviceAccount = serviceAccount;
        b.podName = podName;
        b.podUid = podUid;
        b.instanceId = instanceId;
        b.webIdProvider = webIdProvider;
        b.issuerInWindow = issuerInWindow;
        return b;
    }

    /** The effective mechanism for attribution: a chain acts with the identity of its root. */
    public Mechanism effectiveMechanism() {
        return mechanism == Mechanism.ROLE_CHAIN ? rootMechanism : mechanism;
    }

    /** Whether the credentials were valid at {@code t} (unknown bounds count as valid). */
    public boolean validAt(Instant t) {
        return (issuedAt == null || !t.isBefore(issuedAt)) && (expiresAt == null || !t.isAfter(expiresAt));
    }

    /** Mutable assembly of a session; sessions are values once built. */
    public static final class Builder {
        private final String accessKeyId;
        private Mechanism mechanism;
        private String roleArn;
        private String sessionArn;
        private String sessionName;
        private String accountId;
        private Instant issuedAt;
        private Instant expiresAt;
        private String issuingEventId;
        private String parentAccessKeyId;
        private String rootPrincipal;
        private Mechanism rootMechanism;
        private String cluster;
        private String namespace;
        private String serviceAccount;
        private String podName;
        private String podUid;
        private String instanceId;
        private String webIdProvider;
        private boolean issuerInWindow = true;

        private Builder(String accessKeyId, Mechanism mechanism) {
            this.accessKeyId = accessKeyId;
            this.mechanism = mechanism;
        }

        public Builder mechanism(Mechanism v) {
            mechanism = v;
            return this;
        }

        public Builder roleArn(String v) {
            roleArn = v;
            return this;
        }

        public Builder sessionArn(String v) {
            sessionArn = v;
            return this;
        }

        public Builder sessionName(String v) {
            sessionName = v;
            return this;
        }

        public Builder accountId(String v) {
            accountId = v;
            return this;
        }

        public Builder issuedAt(Instant v) {
            issuedAt = v;
            return this;
        }

        public Builder expiresAt(Instant v) {
            expiresAt = v;
            return this;
        }

        public Builder issuingEventId(String v) {
            issuingEventId = v;
            return this;
        }

        public Builder parentAccessKeyId(String v) {
            parentAccessKeyId = v;
            return this;
        }

        public Builder rootPrincipal(String v) {
            rootPrincipal = v;
            return this;
        }

        public Builder rootMechanism(Mechanism v) {
            rootMechanism = v;
            return this;
        }

        public Builder cluster(String v) {
            cluster = v;
            return this;
        }

        public Builder namespace(String v) {
            namespace = v;
            return this;
        }

        public Builder serviceAccount(String v) {
            serviceAccount = v;
            return this;
        }

        public Builder podName(String v) {
            podName = v;
            return this;
        }

        public Builder podUid(String v) {
            podUid = v;
            return this;
        }

        public Builder instanceId(String v) {
            instanceId = v;
            return this;
        }

        public Builder webIdProvider(String v) {
            webIdProvider = v;
            return this;
        }

        public Builder issuerInWindow(boolean v) {
            issuerInWindow = v;
            return this;
        }

        public CredentialSession build() {
            return new CredentialSession(
                    accessKeyId,
                    mechanism,
                    roleArn,
                    sessionArn,
                    sessionName,
                    accountId,
                    issuedAt,
                    expiresAt,
                    issuingEventId,
                    parentAccessKeyId,
                    rootPrincipal,
                    rootMechanism,
                    cluster,
                    namespace,
                    serviceAccount,
                    podName,
                    podUid,
                    instanceId,
                    webIdProvider,
                    issuerInWindow);
        }
    }
}
