package io.trailtailor.identity;

import static io.trailtailor.identity.AuditEvents.bind;
import static io.trailtailor.identity.AuditEvents.createPod;
import static io.trailtailor.identity.AuditEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.event.ApiCall;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelatorTest {

    private static final Instant ISSUED = Instant.parse("2024-04-16T09:20:04Z");

    private static ApiCall withTime(String fixture, Instant t) {
        ObjectNode r = (ObjectNode) EventJson.fixture(fixture);
        r.put("eventTime", t.toString());
        return EventJson.apiCall(r);
    }

    @Test
    void podIdentityCallIsAttributedToThePodOfTheSessionTagsWithItsNode() {
        Correlator c = new Correlator(new ClusterDirectory(), Attributor.defaults());
        c.observeAudit(createPod(
                "eksworkshop-eksctl",
                "ns-a",
                "app1",
                "0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012",
                "sa1",
                ISSUED.minusSeconds(30),
                PodCredentialKind.POD_IDENTITY));
        c.observeAudit(bind(
                "eksworkshop-eksctl",
                "ns-a",
                "app1",
                "0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012",
                "node-a",
                ISSUED.minusSeconds(29)));
        c.observeCall(EventJson.call("sts-assume-role-pod-identity.json"));

        AttributedCall a = c.attribute(EventJson.call("call-pod-identity-get-object.json"));

        assertThat(a.mechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(a.podUid()).isEqualTo("0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012");
        assertThat(a.node()).isEqualTo("node-a");
        assertThat(a.notes()).isEmpty();
    }

    @Test
    void chainedCallFromThePodIsAttributedThroughTheChain() {
        Correlator c = new Correlator(new ClusterDirectory(), Attributor.defaults());
        c.observeCall(EventJson.call("sts-assume-role-chained-from-pod-identity.json"));
        c.observeCall(EventJson.call("sts-assume-role-pod-identity.json"));
        ObjectNode call = (ObjectNode) EventJson.fixture("call-pod-identity-get-object.json");
        ((ObjectNode) call.get("userIdentity")).put("accessKeyId", "ASIACHAINEXAMPLE0001");

        AttributedCall a = c.attribute(EventJson.apiCall(call));

        assertThat(a.mechanism()).isEqualTo(Mechanism.ROLE_CHAIN);
        assertThat(a.roleArn()).isEqualTo("arn:aws:iam::999988887777:role/reports-writer");
        assertThat(a.podUid()).isEqualTo("0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012");
        assertThat(a.serviceAccount()).isEqualTo("sa1");
    }

    @Test
    void irsaSessionNamesItsClusterFromADescribeClusterEventSeenAfterIt() {
        Correlator c = new Correlator(new ClusterDirectory(), Attributor.defaults());
        Instant issued = Instant.parse("2026-04-14T21:05:31Z");
        c.observeAudit(createPod(
                "prod-west",
                "kube-namespace",
                "api-1",
                "u1",
                "kube-sa",
                issued.minusSeconds(60),
                PodCredentialKind.IRSA));
        c.observeAudit(
                status("prod-west", "kube-namespace", "api-1", "u1", "node-a", "10.0.12.34", issued.minusSeconds(50)));
        c.observeAudit(createPod(
                "prod-west",
                "kube-namespace",
                "api-2",
                "u2",
                "kube-sa",
                issued.minusSeconds(60),
                PodCredentialKind.IRSA));
        c.observeCall(EventJson.call("sts-assume-role-with-web-identity-irsa.json"));
        c.observeCall(EventJson.call("eks-describe-cluster.json"));
        ObjectNode call = (ObjectNode) EventJson.fixture("call-pod-identity-get-object.json");
        call.put("eventTime", issued.plusSeconds(10).toString()).put("sourceIPAddress", "10.0.12.34");
        ((ObjectNode) call.get("userIdentity")).put("accessKeyId", "ASIAIRSAEXAMPLE00001");

        AttributedCall a = c.attribute(EventJson.apiCall(call));

        assertThat(a.mechanism()).isEqualTo(Mechanism.IRSA);
        assertThat(a.cluster()).isEqualTo("prod-west");
        assertThat(a.rootPrincipal()).isEqualTo("eks:prod-west/kube-namespace/kube-sa");
        assertThat(a.podCandidates()).containsExactly("u1", "u2");
        assertThat(a.confidence()).isEqualTo(0.5);
        assertThat(a.notes()).containsExactly("source ip matches pod u1");
    }

    @Test
    void nodeRoleCallFindsTheNodeByInstanceIdAndItsPodsButNeverClaimsOne() {
        Correlator c = new Correlator(new ClusterDirectory(), Attributor.defaults());
        Instant call = Instant.parse("2020-09-14T00:52:10Z");
        c.observeAudit(AuditEvents.nodeObject(
                "prod", "ip-10-0-3-7", "aws:///us-east-1a/i-0317f6c6b66ae9c40", call.minusSeconds(3600)));
        c.observeAudit(
                createPod("prod", "default", "web-1", "u1", "default", call.minusSeconds(600), PodCredentialKind.NONE));
        c.observeAudit(bind("prod", "default", "web-1", "u1", "ip-10-0-3-7", call.minusSeconds(599)));
        c.observeAudit(
                createPod("prod", "default", "web-2", "u2", "default", call.minusSeconds(600), PodCredentialKind.NONE));
        c.observeAudit(bind("prod", "default", "web-2", "u2", "ip-10-0-9-9", call.minusSeconds(599)));

        AttributedCall a = c.attribute(EventJson.call("call-instance-profile-list-buckets.json"));

        assertThat(a.mechanism()).isEqualTo(Mechanism.INSTANCE_PROFILE);
        assertThat(a.node()).isEqualTo("ip-10-0-3-7");
        assertThat(a.cluster()).isEqualTo("prod");
        assertThat(a.podCandidates()).containsExactly("u1");
        // The kubelet and node agents use the node role too: one pod on the node is not proof it made the call.
        assertThat(a.podUid()).isNull();
        assertThat(a.serviceAccount()).isNull();
        assertThat(a.confidence()).isEqualTo(0.5);
    }

    @Test
    void iamPrincipalRequestToTheApiServerIsJoinedToItsPodIdentitySession() {
        Correlator c = new Correlator(new ClusterDirectory(), Attributor.defaults());
        ObjectNode mint = (ObjectNode) EventJson.fixture("sts-assume-role-pod-identity.json");
        ((ObjectNode) mint.at("/responseElements/credentials")).put("accessKeyId", "ASIARLIVEKVNN6Y6J5UW");
        c.observeCall(EventJson.apiCall(mint));

        K8sAccess row = c.k8sAccess(EventJson.audit("audit-iam-role-creates-pod.json", "cluster-b"))
                .orElseThrow();

        assertThat(List.of(row.targetCluster(), row.namespace(), row.verb(), row.resource()))
                .containsExactly("cluster-b", "jobs", "create", "pods");
        assertThat(row.mechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(row.sourceCluster()).isEqualTo("eksworkshop-eksctl");
        assertThat(row.sourcePodUid()).isEqualTo("0cda7f85-c1f9-4dee-b6e9-a0b50c8f3012");
    }

    @Test
    void unknownKeyFallsBackToInferenceFromTheCall() {
        Correlator c = new Correlator(new ClusterDirectory(), Attributor.defaults());

        AttributedCall a = c.attribute(withTime("call-pod-identity-get-object.json", ISSUED.plusSeconds(60)));

        assertThat(a.mechanism()).isEqualTo(Mechanism.POD_IDENTITY);
        assertThat(a.podName()).isEqualTo("app1");
        assertThat(a.notes()).contains("issuer outside window");
    }
}
