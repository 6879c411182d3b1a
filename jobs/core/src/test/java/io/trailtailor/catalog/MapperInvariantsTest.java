package io.trailtailor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailtailor.catalog.MappingResult.Status;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.CallerIdentity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties every mapping keeps, checked over every action of the catalog. */
class MapperInvariantsTest {

    private static final IamCatalog CATALOG = IamCatalog.loadDefault();
    private static final CloudTrailActionMapper MAPPER = CloudTrailActionMapper.create(CATALOG);
    private static final java.util.Set<String> SCOPED_SERVICES = java.util.Set.of(
            "s3",
            "dynamodb",
            "sqs",
            "sns",
            "kms",
            "secretsmanager",
            "ssm",
            "lambda",
            "ecr",
            "eks",
            "route53",
            "autoscaling",
            "iam",
            "ecs",
            "cloudformation");

    /** Values for the request fields resource bindings read, so most templates get filled. */
    private static final String FILLED_REQUEST = """
      {"bucketName": "b", "key": "k/1", "tableName": "t", "indexName": "i",
       "queueUrl": "https://sqs.eu-west-1.amazonaws.com/111122223333/q", "topicArn": "arn:aws:sns:eu-west-1:111122223333:t",
       "keyId": "1234abcd-12ab-34cd-56ef-1234567890ab", "aliasName": "alias/a", "secretId": "s", "name": "n",
       "names": ["/p1", "/p2"], "functionName": "f", "repositoryName": "r", "clusterName": "c", "nodegroupName": "ng",
       "addonName": "a", "hostedZoneId": "/hostedzone/Z1", "autoScalingGroupName": "g", "roleName": "r",
       "roleArn": "arn:aws:iam::111122223333:role/r", "tags": {"k": "v"}}""";

    private static ApiCall call(String source, String name, String request) {
        return new ApiCall(
                "id",
                Instant.parse("2026-11-01T00:00:00Z"),
                "1.09",
                source,
                name,
                "AwsApiCall",
                "eu-west-1",
                "111122223333",
                "Management",
                false,
                true,
                null,
                null,
                null,
                null,
                new CallerIdentity(
                        "AssumedRole",
                        null,
                        "111122223333",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                List.of(),
                request,
                null,
                null,
                null,
                null,
                null,
                "test");
    }

    @Test
    void neverEmitsPlaceholdersOrUnknownActionsForAnyCatalogAction() {
        // plain checks collected into one list: 44,000 mappings with per-item AssertJ chains would take seconds
        java.util.regex.Pattern arnOrStar = java.util.regex.Pattern.compile("\\*|arn:aws[a-z-]*:.+");
        List<String> violations = new java.util.ArrayList<>();
        int mapped = 0;
        for (String prefix : CATALOG.servicePrefixes()) {
            for (ActionInfo action : CATALOG.actions(prefix)) {
                // empty requests only for the services whose resources the mapper scopes: the rest add seconds, not
                // cover
                boolean scoped = SCOPED_SERVICES.contains(prefix);
                for (String request : scoped ? new String[] {null, FILLED_REQUEST} : new String[] {FILLED_REQUEST}) {
                    MappingResult result = MAPPER.map(call(prefix + ".amazonaws.com", action.name(), request));
                    if (result.status() != Status.MAPPED) {
                        continue; // skip-listed (sts:GetCallerIdentity) or an override needing missing details
                    }
                    mapped++;
                    for (RequiredAction a : result.actions()) {
                        List<String> arns = a.resourceArns();
                        boolean ok = CATALOG.exists(a.action())
                                && !arns.isEmpty()
                                && arns.stream()
                                        .noneMatch(arn -> arn.contains("${")
                                                || !arnOrStar.matcher(arn).matches())
                                && arns.equals(arns.stream().sorted().toList())
                                && (!arns.contains("*")
                                        || (arns.size() == 1 && !a.note().isBlank()));
                        if (!ok) {
                            violations.add(a.toString());
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(mapped).isGreaterThan(22000);
    }

    @Test
    void mapsEveryCatalogActionByTheDefaultRuleUnlessCurated() {
        MappingResult result = MAPPER.map(call("eks.amazonaws.com", "ListClusters", null));
        assertThat(result.status()).isEqualTo(Status.MAPPED);
        assertThat(result.actions()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("eks:ListClusters");
            assertThat(a.origin()).isEqualTo(RequiredAction.Origin.DEFAULT_RULE);
        });
    }

    @Test
    void reportsAnOverrideThatLacksTheDetailsItNeedsAsUnmapped() {
        MappingResult result = MAPPER.map(call("dynamodb.amazonaws.com", "ExecuteStatement", "{}"));
        assertThat(result.status()).isEqualTo(Status.UNMAPPED);
        assertThat(result.explanation()).contains("statement");
    }

    @Test
    void mapsDeniedCallsLikeAnyOtherSoThePipelineCanDecide() {
        ApiCall denied = new ApiCall(
                "id",
                Instant.parse("2026-11-01T00:00:00Z"),
                "1.09",
                "s3.amazonaws.com",
                "GetObject",
                "AwsApiCall",
                "eu-west-1",
                "111122223333",
                "Data",
                true,
                false,
                "AccessDenied",
                "denied",
                null,
                null,
                CallerIdentity.EMPTY,
                List.of(),
                "{\"bucketName\":\"b\",\"key\":\"k\"}",
                null,
                null,
                null,
                null,
                null,
                "test");
        assertThat(denied.denied()).isTrue();
        assertThat(MAPPER.map(denied).actions())
                .extracting(RequiredAction::resourceArns)
                .containsExactly(List.of("arn:aws:s3:::b/k"));
    }

    @Test
    void resultsKeepTheirInvariants() {
        assertThatThrownBy(() -> new MappingResult(Status.MAPPED, List.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MappingResult(
                        Status.UNMAPPED,
                        List.of(new RequiredAction("s3:GetObject", null, RequiredAction.Origin.DEFAULT_RULE, null)),
                        "x"))
                .isInstanceOf(IllegalArgumentException.class);
        RequiredAction all = new RequiredAction("s3:ListAllMyBuckets", List.of(), RequiredAction.Origin.OVERRIDE, null);
        assertThat(all.resourceArns()).containsExactly("*");
        assertThat(all.allResources()).isTrue();
        assertThat(all.note()).isEmpty();
    }

    @Test
    void derivesThePartitionFromTheRegion() {
        assertThat(DefaultCloudTrailActionMapper.partition("eu-west-1")).isEqualTo("aws");
        assertThat(DefaultCloudTrailActionMapper.partition("cn-northwest-1")).isEqualTo("aws-cn");
        assertThat(DefaultCloudTrailActionMapper.partition("us-gov-east-1")).isEqualTo("aws-us-gov");
        assertThat(DefaultCloudTrailActionMapper.partition("us-isob-east-1")).isEqualTo("aws-iso-b");
        assertThat(DefaultCloudTrailActionMapper.partition(null)).isEqualTo("aws");
    }
}
