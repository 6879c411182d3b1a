package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.event.AuditEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeHistoryTest {

    private static final Instant T0 = Instant.parse("2024-04-16T09:00:00Z");

    @Test
    void verbatimKubeletRequestNamesInstanceRoleAndKey() {
        AuditEvent patch = EventJson.audit("audit-pods-status-kubelet.json", "tgw");
        String node = AuditRouting.nodeKey(patch);
        NodeHistory h = new NodeHistory("tgw", node);

        assertThat(h.accept(patch)).isTrue();
        assertThat(h.identity())
                .isEqualTo(new NodeIdentity(
                        "tgw",
                        "ip-00-00-00-00.eu-west-1.compute.internal",
                        "i-00000000000000",
                        "arn:aws:iam::12345678912:role/eksctl-tgw-eu-west-1-nodegroup-tg-NodeInstanceRole-SP426AQ4NC1Y",
                        java.util.List.of("AAAAAAAAAAAAAAAA"),
                        Instant.parse("2021-09-27T08:36:44.014671Z"),
                        Instant.parse("2021-09-27T08:36:44.014671Z")));
    }

    @Test
    void providerIdOfTheNodeObjectWinsOverSessionNamesInAnyOrder() {
        AuditEvent nodeObject = AuditEvents.nodeObject("prod", "node-a", "aws:///us-west-2a/i-0123456789abcdef0", T0);
        AuditEvent kubelet = AuditEvents.status("prod", "ns", "p", "u", "node-a", null, T0.plusSeconds(60));

        NodeHistory forward = new NodeHistory("prod", "node-a");
        forward.accept(nodeObject);
        forward.accept(kubelet);
        NodeHistory backward = new NodeHistory("prod", "node-a");
        backward.accept(kubelet);
        backward.accept(nodeObject);

        assertThat(forward.identity().instanceId()).isEqualTo("i-0123456789abcdef0");
        assertThat(backward.identity()).isEqualTo(forward.identity());
    }

    @Test
    void keptAccessKeysAreBoundedToTheMostRecent() {
        NodeHistory h = new NodeHistory("prod", "node-a");
        for (int i = 0; i < NodeHistory.MAX_KEYS + 10; i++) {
            h.accept(AuditEvents.event(
                    "prod",
                    "get",
                    AuditEvents.kubelet("node-a", "i-0abc", String.format("ASIA%04d", i)),
                    new io.trailtailor.event.ObjectRef("pods", null, "ns", "p", null, null, "v1"),
                    200,
                    T0.plusSeconds(i),
                    null,
                    null));
        }

        assertThat(h.identity().nodeSessionAccessKeys())
                .hasSize(NodeHistory.MAX_KEYS)
                .doesNotContain("ASIA0000")
                .contains(String.format("ASIA%04d", NodeHistory.MAX_KEYS + 9));
    }

    @Test
    void eventsOfOtherNodesAndUsersAreIgnored() {
        NodeHistory h = new NodeHistory("prod", "node-a");

        assertThat(h.accept(AuditEvents.status("prod", "ns", "p", "u", "node-b", null, T0)))
                .isFalse();
        assertThat(h.accept(EventJson.audit("audit-iam-role-creates-pod.json", "prod")))
                .isFalse();
    }

    @Test
    void kubeletTokenRequestIsEvidenceOfAServiceAccountTokenOnThatNode() {
        AuditEvent token = AuditEvents.tokenRequest("prod", "node-a", "ns-a", "sa1", T0);

        assertThat(TokenRequestEvidence.from(token))
                .contains(
                        new TokenRequestEvidence("prod", "node-a", "ns-a", "sa1", T0, null, null, java.util.List.of()));
        assertThat(TokenRequestEvidence.from(AuditEvents.status("prod", "ns", "p", "u", "node-a", null, T0)))
                .isEmpty();
    }
}
