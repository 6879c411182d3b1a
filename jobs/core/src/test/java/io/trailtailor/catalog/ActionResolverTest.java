package io.trailtailor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.catalog.ActionResolver.Resolution;
import io.trailtailor.catalog.ActionResolver.Resolved;
import io.trailtailor.catalog.ActionResolver.Unresolved;
import io.trailtailor.catalog.MappingResult.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which actions an event names, or why it names none, against the real catalog and the committed overrides. */
class ActionResolverTest {

    private static final IamCatalog CATALOG = IamCatalog.loadDefault();
    private static final MappingOverrides OVERRIDES = MappingOverrides.loadDefault();
    private static final ActionResolver RESOLVER =
            new ActionResolver(CATALOG, OVERRIDES, new ResourceResolver(CATALOG, OVERRIDES));
    private static final String LABEL = CATALOG.stamp().label();

    static Stream<Arguments> resolved() {
        return Stream.of(
                arguments(
                        "the default rule: prefix:eventName is a catalog action",
                        "s3.amazonaws.com",
                        "GetObject",
                        "{\"bucketName\": \"b\", \"key\": \"k\"}",
                        List.of("s3:GetObject DEFAULT_RULE [arn:aws:s3:::b/k]"),
                        "default rule: s3:GetObject is in " + LABEL),
                arguments(
                        "the default rule after stripping an API-version suffix",
                        "lambda.amazonaws.com",
                        "UpdateFunctionConfiguration20150331v2",
                        "{\"functionName\": \"resizer\", \"role\": \"arn:aws:iam::111122223333:role/r\"}",
                        List.of("lambda:UpdateFunctionConfiguration DEFAULT_RULE"
                                + " [arn:aws:lambda:eu-west-1:111122223333:function:resizer]"),
                        "default rule: lambda:UpdateFunctionConfiguration is in " + LABEL
                                + " (version suffix of UpdateFunctionConfiguration20150331v2 stripped)"),
                arguments(
                        "the default rule under the prefix an eventSource host maps to",
                        "monitoring.amazonaws.com",
                        "PutMetricData",
                        "{\"namespace\": \"App\"}",
                        List.of("cloudwatch:PutMetricData DEFAULT_RULE [*]"),
                        "default rule: cloudwatch:PutMetricData is in " + LABEL),
                arguments(
                        "a curated override instead of a missing action",
                        "s3.amazonaws.com",
                        "ListObjectsV2",
                        "{\"bucketName\": \"b\", \"prefix\": \"logs/\"}",
                        List.of("s3:ListBucket OVERRIDE [arn:aws:s3:::b]"),
                        "override for s3:ListObjectsV2"),
                arguments(
                        "an override whose optional second action the request does not evidence",
                        "s3.amazonaws.com",
                        "HeadObject",
                        "{\"bucketName\": \"b\", \"key\": \"k\"}",
                        List.of("s3:GetObject OVERRIDE [arn:aws:s3:::b/k]"),
                        "override for s3:HeadObject"),
                arguments(
                        "one action per item kind of a DynamoDB transaction, on the tables the items name",
                        "dynamodb.amazonaws.com",
                        "TransactWriteItems",
                        """
                        {"transactItems": [{"put": {"tableName": "orders"}}, {"delete": {"tableName": "carts"}},
                                           {"put": {"tableName": "audit"}}]}""",
                        List.of(
                                "dynamodb:PutItem OVERRIDE [arn:aws:dynamodb:eu-west-1:111122223333:table/audit,"
                                        + " arn:aws:dynamodb:eu-west-1:111122223333:table/orders]",
                                "dynamodb:DeleteItem OVERRIDE [arn:aws:dynamodb:eu-west-1:111122223333:table/carts]"),
                        "override for dynamodb:TransactWriteItems"),
                arguments(
                        "the PartiQL action of the statement's verb",
                        "dynamodb.amazonaws.com",
                        "ExecuteStatement",
                        "{\"statement\": \"  update \\\"orders\\\" set a = 1\"}",
                        List.of("dynamodb:PartiQLUpdate OVERRIDE [*]"),
                        "override for dynamodb:ExecuteStatement"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolved")
    void resolvesTheEventToExactlyItsOwnActions(
            String description,
            String eventSource,
            String eventName,
            String request,
            List<String> expectedActions,
            String expectedExplanation) {
        Resolution resolution = RESOLVER.resolve(
                CloudTrailRecords.toApiCall(CloudTrailRecords.record(eventSource, eventName, "eu-west-1", request)));

        assertThat(resolution).isInstanceOf(Resolved.class);
        Resolved resolved = (Resolved) resolution;
        assertThat(resolved.actions())
                .extracting(a -> a.action() + " " + a.origin() + " " + a.resourceArns())
                .containsExactlyElementsOf(expectedActions);
        assertThat(resolved.explanation()).isEqualTo(expectedExplanation);
    }

    /** Each case overlays top-level fields of a plain AwsApiCall record by an assumed role. */
    static Stream<Arguments> unresolved() {
        return Stream.of(
                arguments(
                        "a call that needs no permission",
                        "sts.amazonaws.com",
                        "GetCallerIdentity",
                        "{}",
                        Status.SKIPPED_NO_PERMISSION,
                        "sts:GetCallerIdentity: GetCallerIdentity needs no permission: AWS answers it even when an"
                                + " explicit deny names sts:GetCallerIdentity"),
                arguments(
                        "a call the role trust policy governs",
                        "sts.amazonaws.com",
                        "AssumeRoleWithWebIdentity",
                        "{}",
                        Status.SKIPPED_TRUST_POLICY,
                        "sts:AssumeRoleWithWebIdentity: unauthenticated call with a web-identity token: the role's"
                                + " trust policy decides, not the caller's identity policy"),
                arguments(
                        "an event AWS generated, by its eventType",
                        "s3.amazonaws.com",
                        "GetObject",
                        "{\"eventType\": \"AwsServiceEvent\"}",
                        Status.SKIPPED_NON_API_EVENT,
                        "eventType AwsServiceEvent: an event AWS generated about your resources, not a call by a"
                                + " principal"),
                arguments(
                        "a call an AWS service principal made",
                        "kms.amazonaws.com",
                        "Decrypt",
                        "{\"userIdentity\": {\"type\": \"AWSService\", \"invokedBy\": \"s3.amazonaws.com\"}}",
                        Status.SKIPPED_NON_API_EVENT,
                        "made by an AWS service principal (s3.amazonaws.com), not by an identity whose policy is"
                                + " being tailored"),
                arguments(
                        "an eventSource that is no IAM service",
                        "nope.amazonaws.com",
                        "DoThing",
                        "{}",
                        Status.UNKNOWN_SERVICE,
                        "eventSource nope.amazonaws.com gives prefix 'nope', which is not an IAM service prefix in "
                                + LABEL),
                arguments(
                        "an operation with neither a catalog action nor an override",
                        "s3.amazonaws.com",
                        "GetObjectSummary",
                        "{}",
                        Status.UNMAPPED,
                        "no IAM action s3:GetObjectSummary in " + LABEL
                                + " and no override in iam/cloudtrail-overrides.json"),
                arguments(
                        "an unknown suffixed operation, naming both keys tried",
                        "lambda.amazonaws.com",
                        "Frobnicate20150331",
                        "{}",
                        Status.UNMAPPED,
                        "no IAM action lambda:Frobnicate20150331 or lambda:Frobnicate in " + LABEL
                                + " and no override in iam/cloudtrail-overrides.json"),
                arguments(
                        "an unmapped operation of a service the overrides explain",
                        "es.amazonaws.com",
                        "SearchDocuments",
                        "{}",
                        Status.UNMAPPED,
                        "no IAM action es:SearchDocuments in " + LABEL
                                + " and no override in iam/cloudtrail-overrides.json; OpenSearch data-plane requests"
                                + " are es:ESHttp* by HTTP verb; only control-plane names map by default"),
                arguments(
                        "an override that needs request details the event lacks",
                        "dynamodb.amazonaws.com",
                        "ExecuteStatement",
                        "{}",
                        Status.UNMAPPED,
                        "dynamodb:ExecuteStatement: the override needs request details the event lacks (no PartiQL"
                                + " statement to read the verb from)"),
                arguments(
                        "a PartiQL statement with a verb that has no action",
                        "dynamodb.amazonaws.com",
                        "ExecuteStatement",
                        "{\"requestParameters\": {\"statement\": \"EXISTS (SELECT 1)\"}}",
                        Status.UNMAPPED,
                        "dynamodb:ExecuteStatement: the override needs request details the event lacks (PartiQL verb"
                                + " 'EXISTS' is none of "
                                + ActionResolver.PARTIQL_ACTIONS.keySet() + ")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unresolved")
    void explainsWhyAnEventNamesNoAction(
            String description,
            String eventSource,
            String eventName,
            String overlay,
            Status expectedStatus,
            String expectedExplanation)
            throws Exception {
        ObjectNode record = CloudTrailRecords.record(eventSource, eventName, "eu-west-1", null);
        record.setAll((ObjectNode) CloudTrailRecords.JSON.readTree(overlay));

        Resolution resolution = RESOLVER.resolve(CloudTrailRecords.toApiCall(record));

        assertThat(resolution).isInstanceOf(Unresolved.class);
        assertThat(((Unresolved) resolution).result())
                .isEqualTo(MappingResult.skipped(expectedStatus, expectedExplanation));
    }
}
