package io.trailtailor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.trailtailor.catalog.MappingResult.Status;
import io.trailtailor.catalog.RequiredAction.Origin;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * iam:PassRole and tag-on-create: the permissions CloudTrail never logs as events of their own, through the whole
 * mapper and from {@link ImpliedActions} on its own.
 */
class ImpliedActionsTest {

    private static final CloudTrailActionMapper MAPPER = CloudTrailActionMapper.create(IamCatalog.loadDefault());

    private static MappingResult map(String source, String name, String region, String requestJson) {
        return MAPPER.map(CloudTrailRecords.toApiCall(CloudTrailRecords.record(source, name, region, requestJson)));
    }

    private static RequiredAction only(MappingResult result, String action) {
        List<RequiredAction> found =
                result.actions().stream().filter(a -> a.action().equals(action)).toList();
        assertThat(found).as(action + " in " + result).hasSize(1);
        return found.get(0);
    }

    @Test
    void passesEveryRoleOfAnAddOnIncludingPodIdentityAssociations() throws Exception {
        MappingResult result = map("eks.amazonaws.com", "CreateAddon", "eu-west-1", """
        {"name": "prod", "addonName": "adot",
         "podIdentityAssociations": [{"serviceAccount": "collector", "roleArn": "arn:aws:iam::111122223333:role/adot"},
                                     {"serviceAccount": "other", "roleArn": "arn:aws:iam::111122223333:role/other"}]}""");
        RequiredAction passRole = only(result, "iam:PassRole");
        assertThat(passRole.resourceArns())
                .containsExactly("arn:aws:iam::111122223333:role/adot", "arn:aws:iam::111122223333:role/other");
        assertThat(passRole.origin()).isEqualTo(Origin.IMPLIED);
        assertThat(result.actions()).extracting(RequiredAction::action).doesNotContain("eks:TagResource");
    }

    @Test
    void turnsARoleNameIntoTheRoleArnOfTheEventsPartitionAndAccount() throws Exception {
        MappingResult result = map("ecs.amazonaws.com", "RunTask", "cn-north-1", """
        {"cluster": "c", "taskDefinition": "api:7", "overrides": {"taskRoleArn": "api-task"}}""");
        assertThat(only(result, "iam:PassRole").resourceArns())
                .containsExactly("arn:aws-cn:iam::111122223333:role/api-task");
    }

    @Test
    void addsNoPassRoleWhenTheRequestPassesNoRole() throws Exception {
        MappingResult result = map("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", "eu-west-1", """
        {"functionName": "resizer", "timeout": 30}""");
        assertThat(result.status()).isEqualTo(Status.MAPPED);
        assertThat(result.actions())
                .extracting(RequiredAction::action)
                .containsExactly("lambda:UpdateFunctionConfiguration");
    }

    @Test
    void passesTheRoleOfAnUpdatedLambdaConfiguration() throws Exception {
        MappingResult result = map("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", "eu-west-1", """
        {"functionName": "resizer", "role": "arn:aws:iam::111122223333:role/resizer-v2"}""");
        assertThat(only(result, "iam:PassRole").resourceArns())
                .containsExactly("arn:aws:iam::111122223333:role/resizer-v2");
        assertThat(only(result, "iam:PassRole").note()).contains("iam:PassedToService=lambda.amazonaws.com");
    }

    @Test
    void tagsAnEksAddOnOnBothTheAddOnArnAndTheUnscopedCreateAddonArn() throws Exception {
        MappingResult result = map("eks.amazonaws.com", "CreateAddon", "us-gov-west-1", """
        {"name": "gov", "addonName": "vpc-cni", "tags": {"owner": "net"}}""");
        RequiredAction tag = only(result, "eks:TagResource");
        assertThat(tag.resourceArns())
                .containsExactly(
                        "arn:aws-us-gov:eks:us-gov-west-1:111122223333:/createaddon",
                        "arn:aws-us-gov:eks:us-gov-west-1:111122223333:addon/gov/vpc-cni/*");
        assertThat(tag.origin()).isEqualTo(Origin.IMPLIED);
        assertThat(tag.note()).contains("not scoped to the cluster");
    }

    @Test
    void tagsAFargateProfileAndPassesItsPodExecutionRole() throws Exception {
        MappingResult result = map("eks.amazonaws.com", "CreateFargateProfile", "eu-west-1", """
        {"name": "prod", "fargateProfileName": "batch",
         "podExecutionRoleArn": "arn:aws:iam::111122223333:role/fargate-pods", "tags": {"a": "b"}}""");
        assertThat(only(result, "eks:TagResource").resourceArns())
                .containsExactly("arn:aws:eks:eu-west-1:111122223333:fargateprofile/prod/batch/*");
        assertThat(only(result, "iam:PassRole").resourceArns())
                .containsExactly("arn:aws:iam::111122223333:role/fargate-pods");
    }

    @Test
    void usesTheCatalogsDependentTaggingActionForCreatesWithoutACuratedRule() throws Exception {
        MappingResult result = map("rds.amazonaws.com", "CreateDBInstance", "eu-west-1", """
        {"dBInstanceIdentifier": "orders", "engine": "postgres", "tags": [{"key": "team", "value": "shop"}]}""");
        assertThat(only(result, "rds:CreateDBInstance").resourceArns())
                .containsExactly("arn:aws:rds:eu-west-1:111122223333:db:orders");
        RequiredAction tag = only(result, "rds:AddTagsToResource");
        assertThat(tag.resourceArns()).containsExactly("arn:aws:rds:eu-west-1:111122223333:db:orders");
        assertThat(tag.note())
                .contains("catalog lists rds:AddTagsToResource as dependent action of rds:CreateDBInstance");
        // other dependent actions are only named, never granted without evidence
        assertThat(result.actions()).extracting(RequiredAction::action).doesNotContain("kms:CreateGrant");
        assertThat(result.explanation()).contains("kms:CreateGrant");
    }

    @Test
    void emptyTagsAreNoTags() throws Exception {
        MappingResult result = map("rds.amazonaws.com", "CreateDBInstance", "eu-west-1", """
        {"dBInstanceIdentifier": "orders", "tags": []}""");
        assertThat(result.actions()).extracting(RequiredAction::action).containsExactly("rds:CreateDBInstance");
    }

    // ------------------------------------------------------------------ ImpliedActions on its own, table-driven

    private static final IamCatalog CATALOG = IamCatalog.loadDefault();
    private static final MappingOverrides OVERRIDES = MappingOverrides.loadDefault();
    private static final ImpliedActions IMPLIED =
            new ImpliedActions(CATALOG, OVERRIDES, new ResourceResolver(CATALOG, OVERRIDES));
    private static final String ACCOUNT = "111122223333";

    static Stream<Arguments> impliedCases() {
        return Stream.of(
                arguments(
                        "PassRole on a role ARN, with the service it is passed to",
                        "lambda:CreateFunction",
                        "eu-west-1",
                        "{\"functionName\": \"f\", \"role\": \"arn:aws:iam::111122223333:role/fn\"}",
                        List.of("arn:aws:lambda:eu-west-1:111122223333:function:f"),
                        List.of("iam:PassRole [arn:aws:iam::111122223333:role/fn]"
                                + " | role passed in role; condition iam:PassedToService=lambda.amazonaws.com")),
                arguments(
                        "PassRole on a role name, turned into the ARN of the event's partition and account",
                        "ecs:RunTask",
                        "cn-north-1",
                        "{\"taskDefinition\": \"api:7\", \"overrides\": {\"executionRoleArn\": \"api-exec\"}}",
                        List.of("*"),
                        List.of("iam:PassRole [arn:aws-cn:iam::111122223333:role/api-exec]"
                                + " | role passed in overrides.executionRoleArn;"
                                + " condition iam:PassedToService=ecs-tasks.amazonaws.com")),
                arguments(
                        "PassRole on every role of an add-on's pod identity associations",
                        "eks:CreateAddon",
                        "eu-west-1",
                        """
                        {"name": "prod", "addonName": "adot",
                         "podIdentityAssociations": [{"roleArn": "arn:aws:iam::111122223333:role/b"},
                                                     {"roleArn": "arn:aws:iam::111122223333:role/a"}]}""",
                        List.of("arn:aws:eks:eu-west-1:111122223333:addon/prod/adot/*"),
                        List.of("iam:PassRole [arn:aws:iam::111122223333:role/a, arn:aws:iam::111122223333:role/b]"
                                + " | role passed in podIdentityAssociations[].roleArn")),
                arguments(
                        "PassRole on * for an instance profile, whose role the event does not name",
                        "ec2:RunInstances",
                        "eu-west-1",
                        "{\"iamInstanceProfile\": {\"name\": \"web\"}}",
                        List.of("*"),
                        List.of("iam:PassRole [*] | role inside instance profile web (iamInstanceProfile) is not in the"
                                + " event: Resource * until resolved from an IAM snapshot;"
                                + " condition iam:PassedToService=ec2.amazonaws.com")),
                arguments(
                        "nothing when the request passes no role and carries no tags",
                        "lambda:UpdateFunctionConfiguration",
                        "eu-west-1",
                        "{\"functionName\": \"f\", \"timeout\": 30}",
                        List.of("arn:aws:lambda:eu-west-1:111122223333:function:f"),
                        List.of()),
                arguments(
                        "tag-on-create of an EKS add-on on its ARN and on the literal /createaddon ARN",
                        "eks:CreateAddon",
                        "us-gov-west-1",
                        "{\"name\": \"gov\", \"addonName\": \"vpc-cni\", \"tags\": {\"owner\": \"net\"}}",
                        List.of("arn:aws-us-gov:eks:us-gov-west-1:111122223333:addon/gov/vpc-cni/*"),
                        List.of("eks:TagResource [arn:aws-us-gov:eks:us-gov-west-1:111122223333:/createaddon,"
                                + " arn:aws-us-gov:eks:us-gov-west-1:111122223333:addon/gov/vpc-cni/*]"
                                + " | tags in the create request; EKS authorizes add-on tag-on-create against"
                                + " arn:...:/createaddon (not scoped to the cluster); the add-on ARN is kept for when"
                                + " EKS checks the documented resource; eks:addon UUID not in the request (generated"
                                + " by AWS or unnamed): rendered as *")),
                arguments(
                        "tag-on-create of an EKS cluster, next to the PassRole of its cluster role",
                        "eks:CreateCluster",
                        "eu-west-1",
                        """
                        {"name": "prod", "roleArn": "arn:aws:iam::111122223333:role/eks", "tags": {"a": "b"}}""",
                        List.of("arn:aws:eks:eu-west-1:111122223333:cluster/prod"),
                        List.of(
                                "iam:PassRole [arn:aws:iam::111122223333:role/eks]"
                                        + " | role passed in roleArn; condition iam:PassedToService=eks.amazonaws.com",
                                "eks:TagResource [arn:aws:eks:eu-west-1:111122223333:cluster/prod]"
                                        + " | tags in the create request")),
                arguments(
                        "ec2:CreateTags on each resource type the tag specifications name",
                        "ec2:RunInstances",
                        "eu-west-1",
                        """
                        {"tagSpecificationSet": {"items": [{"resourceType": "instance", "tags": [{"key": "a"}]},
                                                           {"resourceType": "volume", "tags": [{"key": "a"}]}]}}""",
                        List.of("*"),
                        List.of("ec2:CreateTags [arn:aws:ec2:eu-west-1:111122223333:instance/*,"
                                + " arn:aws:ec2:eu-west-1:111122223333:volume/*] | tags in the create request;"
                                + " ec2:CreateTags on the resource types named in the tag specifications, IDs unknown"
                                + " at request time; narrow with ec2:CreateAction")),
                arguments(
                        "ec2:CreateTags on * when the tag specifications name no resource type",
                        "ec2:CreateVolume",
                        "eu-west-1",
                        "{\"TagSpecifications\": [{\"Tags\": [{\"Key\": \"a\"}]}]}",
                        List.of("*"),
                        List.of("ec2:CreateTags [*] | tags in the create request; ec2:CreateTags on the resource types"
                                + " named in the tag specifications, IDs unknown at request time; narrow with"
                                + " ec2:CreateAction; no resource type in the tag specifications: Resource *")),
                arguments(
                        "the catalog's dependent tagging action on the created resource",
                        "rds:CreateDBInstance",
                        "eu-west-1",
                        "{\"dBInstanceIdentifier\": \"orders\", \"tags\": [{\"key\": \"team\"}]}",
                        List.of("arn:aws:rds:eu-west-1:111122223333:db:orders"),
                        List.of("rds:AddTagsToResource [arn:aws:rds:eu-west-1:111122223333:db:orders]"
                                + " | tags in the create request; catalog lists rds:AddTagsToResource as dependent"
                                + " action of rds:CreateDBInstance")),
                arguments(
                        "the dependent tagging action on * when the created resource's ARN is not known",
                        "rds:CreateDBInstance",
                        "eu-west-1",
                        "{\"tags\": [{\"key\": \"team\"}]}",
                        List.of("*"),
                        List.of("rds:AddTagsToResource [*] | tags in the create request; catalog lists"
                                + " rds:AddTagsToResource as dependent action of rds:CreateDBInstance; the created"
                                + " resource's ARN is not known: Resource *")),
                arguments(
                        "the version access a versionId evidences",
                        "s3:GetObject",
                        "eu-west-1",
                        "{\"bucketName\": \"b\", \"key\": \"k\", \"versionId\": \"v3\"}",
                        List.of("arn:aws:s3:::b/k"),
                        List.of("s3:GetObjectVersion [arn:aws:s3:::b/k]"
                                + " | GET of a specific version is authorized as s3:GetObjectVersion")),
                arguments(
                        "tagging and ACL actions of an upload that sets them",
                        "s3:PutObject",
                        "eu-west-1",
                        """
                        {"bucketName": "b", "key": "k", "x-amz-tagging": "a=b", "x-amz-acl": "private"}""",
                        List.of("arn:aws:s3:::b/k"),
                        List.of(
                                "s3:PutObjectTagging [arn:aws:s3:::b/k] | tags set on upload",
                                "s3:PutObjectAcl [arn:aws:s3:::b/k] | canned ACL set on upload")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impliedCases")
    void addsExactlyTheImpliedActionsTheRequestEvidences(
            String description,
            String primaryAction,
            String region,
            String request,
            List<String> primaryArns,
            List<String> expectedImplied) {
        String prefix = primaryAction.substring(0, primaryAction.indexOf(':'));
        MappingEvent event =
                CloudTrailRecords.event(prefix, primaryAction.substring(prefix.length() + 1), region, request);
        List<RequiredAction> primary = List.of(new RequiredAction(primaryAction, primaryArns, Origin.DEFAULT_RULE, ""));

        List<RequiredAction> all = IMPLIED.withImplied(event, primary);

        assertThat(all.subList(0, 1)).isEqualTo(primary);
        assertThat(all.subList(1, all.size()))
                .allSatisfy(a -> assertThat(a.origin()).isEqualTo(Origin.IMPLIED))
                .extracting(a -> a.action() + " " + a.resourceArns() + " | " + a.note())
                .containsExactlyElementsOf(expectedImplied);
    }

    @Test
    void namesTheCatalogsOtherDependentActionsWithoutGrantingThem() {
        List<RequiredAction> primary = List.of(new RequiredAction(
                "rds:CreateDBInstance",
                List.of("arn:aws:rds:eu-west-1:" + ACCOUNT + ":db:orders"),
                Origin.DEFAULT_RULE,
                ""));
        MappingEvent event = CloudTrailRecords.event(
                "rds",
                "CreateDBInstance",
                "eu-west-1",
                "{\"dBInstanceIdentifier\": \"orders\", \"tags\": {\"a\": \"b\"}}");

        String hint = IMPLIED.dependentActionsHint(primary, IMPLIED.withImplied(event, primary));

        // rds:AddTagsToResource was granted (the request carries tags), so it is not among them
        assertThat(hint)
                .isEqualTo("; catalog dependent actions not evidenced by this request: iam:PassRole, kms:CreateGrant,"
                        + " kms:Decrypt, kms:DescribeKey, kms:GenerateDataKey, rds:CreateTenantDatabase,"
                        + " secretsmanager:CreateSecret, secretsmanager:TagResource");
    }
}
