package io.trailtailor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.catalog.MappingResult.Status;
import io.trailtailor.catalog.RequiredAction.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** iam:PassRole and tag-on-create: the permissions CloudTrail never logs as events of their own. */
class ImpliedActionsTest {

    private static final CloudTrailActionMapper MAPPER = CloudTrailActionMapper.create(IamCatalog.loadDefault());

    private static MappingResult map(String source, String name, String region, String requestJson) throws Exception {
        ObjectNode r = CloudTrailRecords.JSON.createObjectNode();
        r.put("eventSource", source)
                .put("eventName", name)
                .put("eventType", "AwsApiCall")
                .put("awsRegion", region)
                .put("recipientAccountId", "111122223333");
        r.putObject("userIdentity").put("type", "AssumedRole").put("accountId", "111122223333");
        r.set("requestParameters", CloudTrailRecords.JSON.readTree(requestJson));
        return MAPPER.map(CloudTrailRecords.toApiCall(r));
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
}
