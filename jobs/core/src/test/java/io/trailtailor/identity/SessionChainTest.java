package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionChainTest {

    private final SessionExtractor extractor = new SessionExtractor(new ClusterDirectory());
    private final Map<String, CredentialSession> byKey = new HashMap<>();

    private CredentialSession put(CredentialSession s) {
        byKey.put(s.accessKeyId(), s);
        return s;
    }

    @Test
    void chainedRoleInheritsThePodOfThePodIdentitySessionItCameFrom() {
        put(extractor
                .fromIssuingEvent(EventJson.call("sts-assume-role-pod-identity.json"))
                .orElseThrow());
        CredentialSession chained = extractor
                .fromIssuingEvent(EventJson.call("sts-assume-role-chained-from-pod-identity.json"))
                .orElseThrow();

        CredentialSession resolved = SessionChain.resolve(chained, byKey::get);

        assertThat(resolved.mechanism()).isEqualTo(Mechanism.ROLE_CHAIN);
        assertThat(resolved.rootMechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(resolved.effectiveMechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(resolved.rootPrincipal()).isEqualTo("eks:eksworkshop-eksctl/ns-a/sa1");
        assertThat(resolved.podUid()).isEqualTo("0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012");
        assertThat(resolved.roleArn()).isEqualTo("arn:aws:iam::999988887777:role/reports-writer");
    }

    @Test
    void threeHopChainResolvesToTheFirstSession() {
        CredentialSession user = put(CredentialSession.builder("AKIAUSER", Mechanism.IAM_USER)
                .rootPrincipal("arn:aws:iam::1:user/alice")
                .build());
        CredentialSession hop1 = put(CredentialSession.builder("ASIA1", Mechanism.ROLE_CHAIN)
                .parentAccessKeyId(user.accessKeyId())
                .rootPrincipal("arn:aws:iam::1:user/alice")
                .build());
        CredentialSession hop2 = put(CredentialSession.builder("ASIA2", Mechanism.ROLE_CHAIN)
                .parentAccessKeyId(hop1.accessKeyId())
                .rootPrincipal("arn:aws:sts::1:assumed-role/a/x")
                .build());

        CredentialSession resolved = SessionChain.resolve(hop2, byKey::get);

        assertThat(resolved.rootPrincipal()).isEqualTo("arn:aws:iam::1:user/alice");
        assertThat(resolved.rootMechanism()).isEqualTo(Mechanism.IAM_USER);
    }

    @Test
    void missingParentLeavesTheCallerAsRootWithUnknownMechanism() {
        CredentialSession chained = extractor
                .fromIssuingEvent(EventJson.call("sts-assume-role-chained-from-pod-identity.json"))
                .orElseThrow();

        CredentialSession resolved = SessionChain.resolve(chained, k -> null);

        assertThat(resolved).isEqualTo(chained);
        assertThat(resolved.rootMechanism()).isEqualTo(Mechanism.UNKNOWN);
        assertThat(resolved.rootPrincipal()).startsWith("arn:aws:sts::823571991546:assumed-role/");
    }

    @Test
    void cycleStopsWithoutLooping() {
        put(CredentialSession.builder("ASIAA", Mechanism.ROLE_CHAIN)
                .parentAccessKeyId("ASIAB")
                .rootPrincipal("b")
                .build());
        CredentialSession b = put(CredentialSession.builder("ASIAB", Mechanism.ROLE_CHAIN)
                .parentAccessKeyId("ASIAA")
                .rootPrincipal("a")
                .build());

        CredentialSession resolved = SessionChain.resolve(b, byKey::get);

        assertThat(resolved.rootPrincipal()).isEqualTo("b");
    }

    @Test
    void sessionsThatAreNotChainsAreReturnedAsIs() {
        CredentialSession irsa =
                CredentialSession.builder("ASIAX", Mechanism.IRSA).build();

        assertThat(SessionChain.resolve(irsa, k -> {
                    throw new AssertionError("no lookup expected");
                }))
                .isSameAs(irsa);
    }
}
