package io.trailtailor.grants;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamSnapshotReaderTest {

    private static final IamSnapshot SNAPSHOT = Fixtures.snapshot();

    @Test
    void mergesPaginationPiecesAndAccountsByArn() {
        assertThat(SNAPSHOT.roles()).hasSize(9);
        assertThat(SNAPSHOT.users().keySet()).containsExactly("arn:aws:iam::111122223333:user/alice");
        assertThat(SNAPSHOT.groups().keySet()).containsExactly("arn:aws:iam::111122223333:group/developers");
        assertThat(SNAPSHOT.policies().keySet())
                .containsExactlyInAnyOrder(
                        "arn:aws:iam::111122223333:policy/orders-table",
                        "arn:aws:iam::111122223333:policy/boundary-dynamodb-read",
                        "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess");
        assertThat(SNAPSHOT.role("arn:aws:iam::444455556666:role/auditor")
                        .orElseThrow()
                        .account())
                .isEqualTo("444455556666");
        assertThat(SNAPSHOT.problems()).isEmpty();
    }

    @Test
    void urlEncodedDocumentsReadTheSameAsPlainJson() {
        RoleGrant ci = SNAPSHOT.role(Fixtures.role("ci-deployer")).orElseThrow();
        TrustPolicy plain = TrustPolicy.fromJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"sts:AssumeRole\","
                + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"ci-7f3a\"}}}]}");
        assertThat(ci.trust()).isEqualTo(plain);
        assertThat(ci.inlinePolicies().get(0).document())
                .isEqualTo(PolicyDocument.of(List.of(PolicyStatement.allow(
                        null,
                        List.of("eks:DescribeCluster"),
                        List.of("arn:aws:eks:eu-west-1:111122223333:cluster/prod")))));
        UserGrant alice = SNAPSHOT.user("arn:aws:iam::111122223333:user/alice").orElseThrow();
        assertThat(alice.inlinePolicies().get(0).document().statements().get(0).resources())
                .containsExactly("arn:aws:ssm:eu-west-1:111122223333:parameter/app/*");
    }

    @Test
    void keepsOnlyTheDefaultPolicyVersion() {
        ManagedPolicy p =
                SNAPSHOT.policy("arn:aws:iam::111122223333:policy/orders-table").orElseThrow();
        assertThat(p.defaultVersionId()).isEqualTo("v2");
        assertThat(p.document().statements())
                .singleElement()
                .satisfies(s -> assertThat(s.actions())
                        .containsExactly("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"));
        assertThat(p.source()).isEqualTo(ManagedPolicy.Source.SNAPSHOT);
    }

    @Test
    void readsDatesTagsBoundaryInstanceProfilesAndGroups() {
        RoleGrant web = SNAPSHOT.role(Fixtures.role("web-backend")).orElseThrow();
        assertThat(web.createDate()).isEqualTo(Instant.parse("2026-01-10T09:00:00Z"));
        assertThat(web.lastUsed()).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(web.tags()).isEqualTo(Map.of("team", "web"));
        assertThat(web.attachedPolicies())
                .containsExactly(
                        new AttachedPolicy("AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        assertThat(SNAPSHOT.role(Fixtures.role("orders-pod-identity"))
                        .orElseThrow()
                        .permissionsBoundaryArn())
                .isEqualTo("arn:aws:iam::111122223333:policy/boundary-dynamodb-read");
        assertThat(SNAPSHOT.rolesOfInstanceProfile("arn:aws:iam::111122223333:instance-profile/eks-node-profile"))
                .extracting(RoleGrant::name)
                .containsExactly("eks-node");
        UserGrant alice = SNAPSHOT.user("arn:aws:iam::111122223333:user/alice").orElseThrow();
        assertThat(SNAPSHOT.groupsOf(alice)).extracting(GroupGrant::name).containsExactly("developers");
        assertThat(SNAPSHOT.role(Fixtures.role("ops/ops-power")).orElseThrow().path())
                .isEqualTo("/ops/");
    }

    @Test
    void aFileOfAnotherKindIsReportedNotIgnored() {
        IamSnapshot s = IamSnapshotReader.read(Fixtures.IAM.resolve("list-roles-not-gaad.json"));
        assertThat(s.roles()).isEmpty();
        assertThat(s.problems())
                .containsExactly(Fixtures.IAM.resolve("list-roles-not-gaad.json")
                        + ": not get-account-authorization-details output");
    }

    @Test
    void aDirectoryContributesItsJsonFilesInNameOrder() {
        IamSnapshot s = IamSnapshotReader.read(Fixtures.IAM);
        assertThat(s.roles()).hasSize(9);
        assertThat(s.problems()).hasSize(1);
    }

    @Test
    void aDocumentThatDoesNotParseIsAProblemNotACrash(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path f = dir.resolve("broken.json");
        java.nio.file.Files.writeString(
                f,
                "{\"RoleDetailList\":[{\"Arn\":\"arn:aws:iam::1:role/r\",\"RoleName\":\"r\","
                        + "\"AssumeRolePolicyDocument\":\"%7Bnot-json\",\"RolePolicyList\":[{\"PolicyName\":"
                        + "\"p\",\"PolicyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}]}}]}]}");
        IamSnapshot s = IamSnapshotReader.read(f);
        assertThat(s.roles()).containsOnlyKeys("arn:aws:iam::1:role/r");
        assertThat(s.roles().get("arn:aws:iam::1:role/r").inlinePolicies()).isEmpty();
        assertThat(s.problems()).hasSize(2);
        assertThat(s.problems().get(0)).contains("trust policy");
        assertThat(s.problems().get(1)).contains("inline p").contains("Resource");
    }
}
