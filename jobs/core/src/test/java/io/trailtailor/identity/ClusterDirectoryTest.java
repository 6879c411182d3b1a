package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterDirectoryTest {

    private static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128";

    @ParameterizedTest
    @CsvSource({
        "https://oidc.eks.us-west-2.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128",
        "https://oidc.eks.us-west-2.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128/",
        "oidc.eks.us-west-2.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128",
        "HTTPS://OIDC.EKS.US-WEST-2.AMAZONAWS.COM/id/D43CF17C27A865933144EA99A26FB128",
        "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128"
    })
    void everyFormOfAnIssuerNormalizesToHostAndPath(String form) {
        assertThat(ClusterDirectory.normalizeIssuer(form)).isEqualTo(ISSUER);
        assertThat(ClusterDirectory.isEksIssuer(form)).isTrue();
        assertThat(new ClusterDirectory()
                        .addCliEntry("winterfell=https://" + ISSUER)
                        .clusterFor(form))
                .isEqualTo("winterfell");
    }

    @Test
    void unnamedIssuerIsCalledByItsIssuerId() {
        assertThat(new ClusterDirectory().clusterFor("https://" + ISSUER))
                .isEqualTo("D43CF17C27A865933144EA99A26FB128");
    }

    @Test
    void nonEksProvidersAreNotEksIssuers() {
        assertThat(ClusterDirectory.isEksIssuer("arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"))
                .isFalse();
        assertThat(ClusterDirectory.isEksIssuer("cognito-identity.amazonaws.com"))
                .isFalse();
        assertThat(ClusterDirectory.normalizeIssuer(null)).isNull();
    }

    @Test
    void clusterSnapshotNamesItsIssuer() {
        ClusterDirectory d =
                new ClusterDirectory().addSnapshot(EventJson.fixtureText("describe-cluster-snapshot.json"));

        assertThat(d.clusterFor(ISSUER)).isEqualTo("eksworkshop-eksctl");
        assertThat(d.knows("https://" + ISSUER)).isTrue();
    }

    @Test
    void describeClusterEventNamesItsIssuerAndOtherCallsAreIgnored() {
        ClusterDirectory d = new ClusterDirectory();

        assertThat(d.observe(EventJson.call("call-root-console.json"))).isFalse();
        assertThat(d.observe(EventJson.call("eks-describe-cluster.json"))).isTrue();
        assertThat(d.clusterFor("oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
                .isEqualTo("prod-west");
    }

    @Test
    void cliEntryWithoutIssuerIsAUsageError() {
        assertThatThrownBy(() -> new ClusterDirectory().addCliEntry("prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NAME=OIDC_ISSUER");
    }

    @Test
    void clusterPrefixOfPodIdentitySessionNamesResolvesOnlyWhenUnambiguous() {
        ClusterDirectory d = new ClusterDirectory()
                .add("eksworkshop-eksctl", "oidc.eks.us-west-2.amazonaws.com/id/A1")
                .add("eksworkshop-other", "oidc.eks.us-west-2.amazonaws.com/id/A2")
                .add("dev", "oidc.eks.us-west-2.amazonaws.com/id/A3");

        assertThat(d.clusterByPrefix("eksworksho")).isEmpty();
        assertThat(d.clusterByPrefix("dev")).contains("dev");
    }
}
