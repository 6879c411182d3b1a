package io.trailtailor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void theOperatorsNameOutranksEksEventsAndTheAuditLogInAnyOrder() {
        String issuer = "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        ClusterDirectory eventFirst = new ClusterDirectory();
        eventFirst.observe(EventJson.call("eks-describe-cluster.json"));
        eventFirst.addCliEntry("prod=https://" + issuer);
        ClusterDirectory cliFirst = new ClusterDirectory().addCliEntry("prod=https://" + issuer);
        cliFirst.observe(EventJson.call("eks-describe-cluster.json"));
        cliFirst.replaceInferred(Map.of(issuer, "platform"));

        for (ClusterDirectory d : List.of(eventFirst, cliFirst)) {
            assertThat(d.clusterFor(issuer)).isEqualTo("prod");
            assertThat(d.namedBy(issuer)).isEqualTo(ClusterDirectory.NamedBy.CLI);
        }
    }

    @Test
    void inferredNamesAreReplacedByTheNextDecision() {
        String a = "oidc.eks.us-west-2.amazonaws.com/id/A1";
        ClusterDirectory d = new ClusterDirectory().replaceInferred(Map.of(a, "platform"));
        assertThat(d.clusterFor(a)).isEqualTo("platform");
        assertThat(d.namedBy(a)).isEqualTo(ClusterDirectory.NamedBy.AUDIT);

        d.replaceInferred(Map.of());

        assertThat(d.clusterFor(a)).isEqualTo("A1");
        assertThat(d.namedBy(a)).isEqualTo(ClusterDirectory.NamedBy.NONE);
    }

    @Test
    void snapshotsComeFromAFileOrEveryFileOfADirectoryAndOtherFilesAreListed(@TempDir Path dir) throws Exception {
        Path snapshots = Files.createDirectories(dir.resolve("snapshots"));
        String describe = EventJson.fixtureText("describe-cluster-snapshot.json");
        Files.writeString(snapshots.resolve("eksworkshop.json"), describe);
        Files.createDirectories(snapshots.resolve("west"));
        Files.writeString(
                snapshots.resolve("west/prod-west.json"),
                "{\"cluster\":{\"name\":\"prod-west\",\"identity\":{\"oidc\":{\"issuer\":"
                        + "\"https://oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}}}");
        Files.writeString(snapshots.resolve("list-clusters.json"), "{\"clusters\":[\"prod-west\"]}");
        Files.writeString(snapshots.resolve("notes.txt"), "not json");
        Files.writeString(snapshots.resolve(".DS_Store"), "hidden");
        Path single = Files.writeString(dir.resolve("one.json"), describe);

        ClusterSnapshots read = ClusterSnapshots.read(List.of(snapshots.toString(), "eks=" + single));

        assertThat(read.describeClusters()).hasSize(3);
        assertThat(read.notDescribeCluster())
                .containsExactly(
                        snapshots.resolve("list-clusters.json").toString(),
                        snapshots.resolve("notes.txt").toString());
        ClusterDirectory d = new ClusterDirectory();
        read.describeClusters().forEach(d::addSnapshot);
        assertThat(d.clusterFor("oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
                .isEqualTo("prod-west");
        assertThat(d.namedBy(ISSUER)).isEqualTo(ClusterDirectory.NamedBy.SNAPSHOT);
    }
}
