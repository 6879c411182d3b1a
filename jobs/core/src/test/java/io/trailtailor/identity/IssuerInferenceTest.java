package io.trailtailor.identity;

import static io.trailtailor.identity.AuditEvents.createPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.ObjectRef;
import io.trailtailor.identity.ClusterDirectory.NamedBy;
import io.trailtailor.identity.IssuerInference.Claim;
import io.trailtailor.identity.IssuerInference.Decision;
import io.trailtailor.identity.IssuerInference.Evidence;
import io.trailtailor.identity.IssuerInference.Fit;
import io.trailtailor.identity.IssuerInference.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssuerInferenceTest {

    /** The issuer of the IRSA mint fixture (elastic/integrations#18396, FORMATS.md §2.2 c). */
    private static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static final String OTHER_ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    /** The role {@link AuditEvents#createPod} writes into an IRSA pod's env for service account kube-sa. */
    private static final String ROLE = "arn:aws:iam::123456789012:role/kube-sa";

    private static final Instant ISSUED = Instant.parse("2026-04-14T21:05:31Z");

    // -- the decision, over claims and evidence ---------------------------------------------------------------------

    @Test
    void oneFittingClusterNamesTheIssuer() {
        List<Decision> d = IssuerInference.decide(
                List.of(claim(ISSUER, "kube-namespace", "kube-sa", ROLE)),
                List.of(
                        env("prod-west", "kube-namespace", "kube-sa", ROLE),
                        env("dev", "kube-namespace", "other-sa", "arn:aws:iam::123456789012:role/other")),
                new ClusterDirectory());

        assertThat(d)
                .containsExactly(new Decision(
                        ISSUER,
                        "prod-west",
                        NamedBy.AUDIT,
                        1,
                        List.of(new Fit("prod-west", 1, 0, 0)),
                        "one cluster fits"));
    }

    @Test
    void twoClustersShowingTheSameClaimsLeaveTheIssuerUnnamedAndSaySo() {
        List<Decision> d = IssuerInference.decide(
                List.of(claim(ISSUER, "kube-namespace", "kube-sa", ROLE)),
                List.of(
                        env("prod-west", "kube-namespace", "kube-sa", ROLE),
                        env("prod-east", "kube-namespace", "kube-sa", ROLE)),
                new ClusterDirectory());

        assertThat(d).hasSize(1);
        assertThat(d.get(0).cluster()).isNull();
        assertThat(d.get(0).namedBy()).isEqualTo(NamedBy.NONE);
        assertThat(d.get(0).ambiguous()).isTrue();
        assertThat(d.get(0).fitting()).containsExactly("prod-east", "prod-west");
        assertThat(d.get(0).reason()).isEqualTo("2 clusters fit: prod-east, prod-west");
    }

    @Test
    void aClusterShowingEveryClaimOfAnotherAndMoreIsChosen() {
        String shared = "arn:aws:iam::123456789012:role/shared-agent";
        List<Decision> d = IssuerInference.decide(
                List.of(
                        claim(ISSUER, "kube-namespace", "kube-sa", ROLE),
                        claim(ISSUER, "kube-system", "agent", shared),
                        new Claim(ISSUER, null, null, shared)),
                List.of(
                        env("prod-west", "kube-namespace", "kube-sa", ROLE),
                        env("prod-west", "kube-system", "agent", shared),
                        env("prod-east", "kube-system", "agent", shared)),
                new ClusterDirectory());

        assertThat(d.get(0).cluster()).isEqualTo("prod-west");
        assertThat(d.get(0).namedBy()).isEqualTo(NamedBy.AUDIT);
        assertThat(d.get(0).evidence()).containsExactly(new Fit("prod-east", 2, 0, 0), new Fit("prod-west", 3, 0, 0));
    }

    @Test
    void tokenRequestsAloneCorroborateButNeverNameACluster() {
        List<Decision> d = IssuerInference.decide(
                List.of(claim(ISSUER, "kube-namespace", "kube-sa", ROLE)),
                List.of(new Evidence("prod-west", "kube-namespace", "kube-sa", null, Source.TOKEN_REQUEST)),
                new ClusterDirectory());

        assertThat(d)
                .containsExactly(new Decision(
                        ISSUER,
                        null,
                        NamedBy.NONE,
                        1,
                        List.of(new Fit("prod-west", 0, 0, 1)),
                        "only token requests corroborate"));
        assertThat(d.get(0).ambiguous()).isFalse();
    }

    @Test
    void withoutEvidenceTheIssuerKeepsItsId() {
        List<Decision> d = IssuerInference.decide(
                List.of(claim(ISSUER, "kube-namespace", "kube-sa", ROLE)),
                List.of(env("prod-west", "other", "kube-sa", ROLE)),
                new ClusterDirectory());

        assertThat(d)
                .containsExactly(
                        new Decision(ISSUER, null, NamedBy.NONE, 1, List.of(), "no evidence in the audit log"));
    }

    @Test
    void twoIssuersFittingOneClusterAreBothLeftUnnamed() {
        List<Decision> d = IssuerInference.decide(
                List.of(claim(ISSUER, "kube-namespace", "kube-sa", ROLE), new Claim(OTHER_ISSUER, null, null, ROLE)),
                List.of(env("prod-west", "kube-namespace", "kube-sa", ROLE)),
                new ClusterDirectory());

        assertThat(d).extracting(Decision::issuer).containsExactly(ISSUER, OTHER_ISSUER);
        assertThat(d).allSatisfy(x -> {
            assertThat(x.cluster()).isNull();
            assertThat(x.reason()).isEqualTo("cluster prod-west fits 2 issuers");
            assertThat(x.ambiguous()).isTrue();
        });
    }

    @Test
    void namedIssuersKeepTheirSourceAndTheirClusterIsNotOfferedToOthers() {
        ClusterDirectory directory = new ClusterDirectory().addCliEntry("prod-west=https://" + OTHER_ISSUER);

        List<Decision> d = IssuerInference.decide(
                List.of(claim(ISSUER, "kube-namespace", "kube-sa", ROLE)),
                List.of(env("prod-west", "kube-namespace", "kube-sa", ROLE)),
                directory);

        assertThat(d)
                .extracting(Decision::issuer, Decision::cluster, Decision::namedBy, Decision::reason)
                .containsExactly(
                        tuple(ISSUER, null, NamedBy.NONE, "fitting cluster named for another issuer"),
                        tuple(OTHER_ISSUER, "prod-west", NamedBy.CLI, "named"));
    }

    // -- the facts, from real-shaped events -------------------------------------------------------------------------

    @Test
    void readsTheRoleOfAServiceAccountAnnotation() {
        String sa = "{\"kind\":\"ServiceAccount\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"kube-sa\","
                + "\"namespace\":\"kube-namespace\",\"uid\":\"5d5c4a1e-0000-4000-8000-000000000001\","
                + "\"annotations\":{\"eks.amazonaws.com/role-arn\":\"" + ROLE + "\","
                + "\"kubectl.kubernetes.io/last-applied-configuration\":\"{...}\"}}}";
        AuditEvent create = AuditEvents.event(
                "prod-west",
                "create",
                AuditEvents.REPLICASET,
                new ObjectRef("serviceaccounts", null, "kube-namespace", "kube-sa", null, null, "v1"),
                201,
                ISSUED,
                sa,
                sa);

        assertThat(IssuerInference.evidenceOf(create))
                .contains(new Evidence("prod-west", "kube-namespace", "kube-sa", ROLE, Source.SA_ANNOTATION));
        assertThat(create.responseObject())
                .as("the pruner keeps the role annotation and nothing else of the annotations")
                .contains(ROLE)
                .doesNotContain("last-applied-configuration");
    }

    @Test
    void readsAKubeletTokenRequestForTheStsAudienceAndIgnoresOthers() {
        AuditEvent sts = tokenRequest("sts.amazonaws.com");
        AuditEvent podIdentity = tokenRequest("pods.eks.amazonaws.com");

        assertThat(IssuerInference.evidenceOf(sts))
                .contains(new Evidence("prod-west", "kube-namespace", "kube-sa", null, Source.TOKEN_REQUEST));
        assertThat(IssuerInference.evidenceOf(podIdentity)).isEmpty();
        assertThat(IssuerInference.evidenceOf(
                        AuditEvents.tokenRequest("prod-west", "node-a", "kube-namespace", "kube-sa", ISSUED)))
                .as("Metadata level: no audience to go by")
                .isEmpty();
    }

    // -- the reference composition ----------------------------------------------------------------------------------

    @Test
    void correlatorNamesTheIssuerFromThePodsAndTheirPodsBecomeCandidates() {
        Correlator c = correlatorWithPodsIn("prod-west");

        AttributedCall a = c.attribute(irsaCall());

        assertThat(a.cluster()).isEqualTo("prod-west");
        assertThat(a.rootPrincipal()).isEqualTo("eks:prod-west/kube-namespace/kube-sa");
        assertThat(a.podCandidates()).containsExactly("u1", "u2");
        assertThat(c.issuerDecisions())
                .extracting(Decision::issuer, Decision::cluster, Decision::namedBy, Decision::claims)
                .containsExactly(tuple(ISSUER, "prod-west", NamedBy.AUDIT, 1));
    }

    @Test
    void correlatorKeepsTheIssuerIdWhenTwoClustersFit() {
        Correlator c = correlatorWithPodsIn("prod-west");
        c.observeAudit(createPod(
                "prod-east",
                "kube-namespace",
                "api-9",
                "u9",
                "kube-sa",
                ISSUED.minusSeconds(60),
                PodCredentialKind.IRSA));

        AttributedCall a = c.attribute(irsaCall());

        assertThat(a.cluster()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(a.podCandidates()).isEmpty();
        assertThat(c.issuerDecisions()).singleElement().satisfies(d -> {
            assertThat(d.ambiguous()).isTrue();
            assertThat(d.fitting()).containsExactly("prod-east", "prod-west");
        });
    }

    @Test
    void aDescribeClusterEventOutranksTheAuditLog() {
        Correlator c = correlatorWithPodsIn("platform");
        c.observeCall(EventJson.call("eks-describe-cluster.json"));

        assertThat(c.attribute(irsaCall()).cluster()).isEqualTo("prod-west");
        assertThat(c.issuerDecisions())
                .extracting(Decision::cluster, Decision::namedBy)
                .containsExactly(tuple("prod-west", NamedBy.EKS_EVENTS));
    }

    /** Two IRSA pods of kube-namespace/kube-sa in the cluster, and the IRSA mint of the fixture, for their role. */
    private static Correlator correlatorWithPodsIn(String cluster) {
        Correlator c = new Correlator(new ClusterDirectory(), Attributor.defaults());
        for (String n : List.of("1", "2")) {
            c.observeAudit(createPod(
                    cluster,
                    "kube-namespace",
                    "api-" + n,
                    "u" + n,
                    "kube-sa",
                    ISSUED.minusSeconds(60),
                    PodCredentialKind.IRSA));
        }
        ObjectNode mint = (ObjectNode) EventJson.fixture("sts-assume-role-with-web-identity-irsa.json");
        ((ObjectNode) mint.get("requestParameters")).put("roleArn", ROLE);
        c.observeCall(EventJson.apiCall(mint));
        return c;
    }

    /** A call made with the fixture's IRSA key, ten seconds after the mint. */
    private static ApiCall irsaCall() {
        ObjectNode call = (ObjectNode) EventJson.fixture("call-pod-identity-get-object.json");
        call.put("eventTime", ISSUED.plusSeconds(10).toString());
        ((ObjectNode) call.get("userIdentity")).put("accessKeyId", "ASIAIRSAEXAMPLE00001");
        return EventJson.apiCall(call);
    }

    private static AuditEvent tokenRequest(String audience) {
        String request = "{\"kind\":\"TokenRequest\",\"apiVersion\":\"authentication.k8s.io/v1\",\"metadata\":{"
                + "\"name\":\"kube-sa\",\"namespace\":\"kube-namespace\"},\"spec\":{\"audiences\":[\"" + audience
                + "\"],\"expirationSeconds\":86400,\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
                + "\"name\":\"api-1\",\"uid\":\"u1\"}}}";
        return AuditEvents.event(
                "prod-west",
                "create",
                AuditEvents.kubelet("node-a", "i-0abc", "ASIANODE"),
                new ObjectRef("serviceaccounts", "token", "kube-namespace", "kube-sa", null, null, "v1"),
                201,
                ISSUED,
                request,
                null);
    }

    private static Claim claim(String issuer, String ns, String sa, String role) {
        return new Claim(issuer, ns, sa, role);
    }

    private static Evidence env(String cluster, String ns, String sa, String role) {
        return new Evidence(cluster, ns, sa, role, Source.POD_ENV);
    }
}
