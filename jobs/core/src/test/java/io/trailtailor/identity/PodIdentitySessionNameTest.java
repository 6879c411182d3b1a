package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodIdentitySessionNameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // session name, cluster, pod, matches
        "eks-eksworksho-app1-498124c2-a555-40bf-9059-ca9a26821eb0, eksworkshop-eksctl, app1, true",
        "eks-eksworksho-app1-498124c2-a555-40bf-9059-ca9a26821eb0, eksworkshop-eksctl, app11, false",
        "eks-eksworksho-app1-498124c2-a555-40bf-9059-ca9a26821eb0, eksworkshop-other, app1, true",
        "eks-eksworksho-app1-498124c2-a555-40bf-9059-ca9a26821eb0, prod, app1, false",
        // a short cluster name is kept whole: the split is ambiguous, the match is not
        "eks-prod-east-api-7d9f-x1-498124c2-a555-40bf-9059-ca9a26821eb0, prod-east, api-7d9f-x1, true",
        "eks-prod-east-api-7d9f-x1-498124c2-a555-40bf-9059-ca9a26821eb0, prod, east-api-7d9f-x1, true",
        "eks-prod-east-api-7d9f-x1-498124c2-a555-40bf-9059-ca9a26821eb0, prod-east, api-7d9f, false",
        // cut at 64 characters inside the uuid
        "eks-prod-east-checkout-f1zaqimhar-2doln-bcdc019c-de86-4294-a4c4-, prod-east, checkout-f1zaqimhar-2doln, true",
        "eks-prod-east-checkout-f1zaqimhar-2doln-bcdc019c-de86-4294-a4c4-, prod-east, checkout-f1zaqimhar-2dol, false",
        // cut inside the pod name
        "eks-batch-west-a-very-long-statefulset-name-for-training-jobs-00, batch-west-2, a-very-long-statefulset-name-for-training-jobs-0042, true"
    })
    void matchesThePodsThatCanHaveTheSessionName(String sessionName, String cluster, String pod, boolean matches) {
        PodIdentitySessionName name = PodIdentitySessionName.parse(sessionName, null);

        assertThat(name).isNotNull();
        assertThat(name.matches(cluster, pod)).isEqualTo(matches);
        if (matches) {
            // a keyed job routes the session and the pod to the same key
            assertThat(name.routingKey()).isEqualTo(PodIdentitySessionName.routingKey(cluster, pod));
        }
    }

    @Test
    void completeNameSplitsIntoClusterPrefixAndPod() {
        PodIdentitySessionName name =
                PodIdentitySessionName.parse("eks-eks-ref-sc-app2-17903385-a093-4b17-9f47-97e9137a30fc", null);

        assertThat(name.complete()).isTrue();
        assertThat(name.clusterPrefix()).isEqualTo("eks-ref-sc");
        assertThat(name.podName()).isEqualTo("app2");
    }

    @Test
    void knownShortClusterNameGivesTheRightSplit() {
        ClusterDirectory clusters = new ClusterDirectory().add("prod-east", "oidc.eks.us-east-1.amazonaws.com/id/X");

        PodIdentitySessionName name =
                PodIdentitySessionName.parse("eks-prod-east-api-1-498124c2-a555-40bf-9059-ca9a26821eb0", clusters);

        assertThat(name.cluster(clusters)).isEqualTo("prod-east");
        assertThat(name.podName()).isEqualTo("api-1");
    }

    @ParameterizedTest
    @CsvSource({"botocore-session-1699456147", "i-0317f6c6b66ae9c40", "eks-too-short", "alice@example.com"})
    void otherSessionNamesAreNotPodIdentity(String sessionName) {
        assertThat(PodIdentitySessionName.parse(sessionName, null)).isNull();
    }
}
