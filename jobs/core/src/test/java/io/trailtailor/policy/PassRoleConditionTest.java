package io.trailtailor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.catalog.CloudTrailActionMapper;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.catalog.MappingResult;
import io.trailtailor.catalog.RequiredAction;
import io.trailtailor.event.CloudTrailRecordParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * iam:PassRole is granted under {@code iam:PassedToService} where the call names the service: read from the real
 * mapper's output for real-shaped records, rendered in JSON, Terraform and CloudFormation, never merged across
 * services.
 */
class PassRoleConditionTest {

    static final IamCatalog CATALOG = IamCatalog.loadDefault();
    static final CloudTrailActionMapper MAPPER = CloudTrailActionMapper.create(CATALOG);
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}:{1} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "lambda | CreateFunction20150331 | {\"functionName\": \"f\", \"role\": \"arn:aws:iam::111122223333:role/f-exec\"} | lambda.amazonaws.com",
                "ecs | RunTask | {\"cluster\": \"c\", \"taskDefinition\": \"api:7\", \"overrides\": {\"taskRoleArn\": \"api-task\"}} | ecs-tasks.amazonaws.com",
                "ec2 | RunInstances | {\"instancesSet\": {\"items\": [{\"imageId\": \"ami-1\"}]}, \"iamInstanceProfile\": {\"name\": \"web\"}} | ec2.amazonaws.com",
                "eks | CreateNodegroup | {\"name\": \"prod\", \"nodegroupName\": \"g\", \"nodeRole\": \"arn:aws:iam::111122223333:role/eks-node\"} | eks.amazonaws.com",
                "eks | CreateFargateProfile | {\"clusterName\": \"prod\", \"fargateProfileName\": \"p\", \"podExecutionRoleArn\": \"arn:aws:iam::111122223333:role/fp\"} | ''",
            })
    void grantsPassRoleOnlyToTheServiceTheCallPassedItTo(String service, String event, String request, String to)
            throws Exception {
        String record = """
        {"eventVersion": "1.09", "eventTime": "2026-11-03T10:00:00Z", "eventSource": "%s.amazonaws.com",
         "eventName": "%s", "awsRegion": "eu-west-1", "eventID": "ev-1", "eventType": "AwsApiCall",
         "recipientAccountId": "111122223333",
         "userIdentity": {"type": "AssumedRole", "accountId": "111122223333",
           "arn": "arn:aws:sts::111122223333:assumed-role/deployer/s"},
         "requestParameters": %s}""".formatted(service, event, request);
        byte[] raw = record.getBytes(StandardCharsets.UTF_8);
        MappingResult result = MAPPER.map(CloudTrailRecordParser.parse(JSON.readTree(raw), raw, "t.json"));
        RequiredAction passRole = result.actions().stream()
                .filter(a -> a.action().equals(PassRoleCondition.ACTION))
                .findFirst()
                .orElseThrow();
        List<String> services = PassRoleCondition.servicesInNote(passRole.note());
        assertThat(services).isEqualTo(to.isEmpty() ? List.of() : List.of(to));

        SynthesizedPolicy p = new PolicySynthesizer(CATALOG, SynthesisOptions.defaults())
                .synthesize(
                        PolicyTarget.role("111122223333", "deployer"),
                        passRole.resourceArns().stream()
                                .map(r -> new ActionUse(
                                        PassRoleCondition.ACTION, r, false, 1, null, null, null, services))
                                .toList());
        PolicyStatement st = p.documents().get(0).statements().get(0);
        Map<String, String> files = new PolicyRenderer().render(p);
        String base = "policies/roles/111122223333/deployer";
        if (to.isEmpty()) {
            assertThat(st.conditions()).isEmpty();
            assertThat(files.get(base + ".json")).doesNotContain("Condition");
            return;
        }
        assertThat(st.conditions()).isEqualTo(Map.of("StringEquals", Map.of("iam:PassedToService", List.of(to))));
        assertThat(JSON.readTree(files.get(base + ".json"))
                        .at("/Statement/0/Condition/StringEquals/iam:PassedToService/0")
                        .asText())
                .isEqualTo(to);
        assertThat(JSON.readTree(files.get(base + ".cfn.json"))
                        .at(
                                "/Resources/RoleDeployerPolicy/Properties/PolicyDocument/Statement/0/Condition/StringEquals/iam:PassedToService/0")
                        .asText())
                .isEqualTo(to);
        assertThat(files.get(base + ".tf"))
                .contains("    condition {\n"
                        + "      test     = \"StringEquals\"\n"
                        + "      variable = \"iam:PassedToService\"\n"
                        + "      values   = [\"" + to + "\"]\n"
                        + "    }\n");
    }
}
