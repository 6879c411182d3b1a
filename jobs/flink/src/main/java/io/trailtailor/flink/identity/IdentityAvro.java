package io.trailtailor.flink.identity;

import io.trailtailor.avro.AttributedCallRow;
import io.trailtailor.avro.CredentialSessionRow;
import io.trailtailor.avro.K8sAccessRow;
import io.trailtailor.identity.AttributedCall;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.K8sAccess;
import io.trailtailor.identity.Mechanism;
import java.util.ArrayList;

/** The identity stage's core records as the Avro rows of its tables. */
final class IdentityAvro {

    static final String ISSUER_OUTSIDE_WINDOW = "issuer outside window";

    private IdentityAvro() {}

    static AttributedCallRow toAvro(AttributedCall c) {
        AttributedCallRow a = new AttributedCallRow();
        a.setEventId(c.eventId());
        a.setEventTime(c.eventTime());
        a.setMechanism(name(c.mechanism()));
        a.setAccessKeyId(c.accessKeyId());
        a.setRoleArn(c.roleArn());
        a.setRootPrincipal(c.rootPrincipal());
        a.setCluster(c.cluster());
        a.setNamespace(c.namespace());
        a.setServiceAccount(c.serviceAccount());
        a.setPodUid(c.podUid());
        a.setPodCandidates(new ArrayList<>(c.podCandidates()));
        a.setNode(c.node());
        a.setConfidence(c.confidence());
        // the attributor notes when it inferred the session because its issuing event was not in the input
        a.setIssuerInWindow(!c.notes().contains(ISSUER_OUTSIDE_WINDOW));
        a.setBasis(c.notes().isEmpty() ? c.basis() : c.basis() + "; " + String.join("; ", c.notes()));
        return a;
    }

    static CredentialSessionRow toAvro(CredentialSession s, long calls) {
        CredentialSessionRow a = new CredentialSessionRow();
        a.setAccessKeyId(s.accessKeyId());
        a.setMechanism(name(s.mechanism()));
        a.setRoleArn(s.roleArn());
        a.setSessionArn(s.sessionArn());
        a.setSessionName(s.sessionName());
        a.setAccountId(s.accountId());
        a.setIssuedAt(s.issuedAt());
        a.setExpiresAt(s.expiresAt());
        a.setIssuingEventId(s.issuingEventId());
        a.setParentAccessKeyId(s.parentAccessKeyId());
        a.setRootPrincipal(s.rootPrincipal());
        a.setCluster(s.cluster());
        a.setNamespace(s.namespace());
        a.setServiceAccount(s.serviceAccount());
        a.setPodName(s.podName());
        a.setPodUid(s.podUid());
        a.setInstanceId(s.instanceId());
        a.setWebIdProvider(s.webIdProvider());
        a.setIssuerInWindow(s.issuerInWindow());
        a.setCalls(calls);
        return a;
    }

    static K8sAccessRow toAvro(K8sAccess k) {
        K8sAccessRow a = new K8sAccessRow();
        a.setAuditId(k.auditId());
        a.setTime(k.time());
        a.setTargetCluster(k.targetCluster());
        a.setVerb(k.verb());
        a.setApiGroup(k.apiGroup());
        a.setResource(k.resource());
        a.setSubresource(k.subresource());
        a.setNamespace(k.namespace());
        a.setName(k.name());
        a.setDecision(k.decision());
        a.setUsername(k.username());
        a.setIamArn(k.iamArn());
        a.setAccessKeyId(k.accessKeyId());
        a.setMechanism(k.mechanism() == null ? null : k.mechanism().name());
        a.setRoleArn(k.roleArn());
        a.setSourceCluster(k.sourceCluster());
        a.setSourceNamespace(k.sourceNamespace());
        a.setSourceServiceAccount(k.sourceServiceAccount());
        a.setSourcePodUid(k.sourcePodUid());
        return a;
    }

    private static String name(Mechanism m) {
        return m == null ? Mechanism.UNKNOWN.name() : m.name();
    }
}
