package io.trailtailor.flink.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.catalog.ActionInfo;
import io.trailtailor.catalog.ActionResource;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.catalog.ResourceTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * {@code deploy/iam/}: every trust and permission document parses with the AWS SDK's IAM policy model, uses only
 * actions the project's IAM catalog knows, scopes each action to resource ARNs of a type the action supports (with
 * the placeholders filled in with sample values), and uses only condition keys the catalog knows.
 */
class IamDocumentsTest {

    static final List<String> TRUST = List.of(
            "iam/trust-irsa.json",
            "iam/trust-pod-identity.json",
            "iam/trust-emr-ec2.json",
            "iam/trust-emr-on-eks.json");
    static final List<String> PERMISSIONS =
            List.of("iam/pipeline-role-policy.json", "iam/emr-on-eks-monitoring-policy.json");

    private static final IamCatalog CATALOG = IamCatalog.loadDefault();
    private static final Map<String, String> SAMPLES = Map.of(
            "<ACCOUNT_ID>", "111122223333", "<REGION>", "us-east-1", "<OIDC_ID>", "EXAMPLED539D4633E53DE1B71EXAMPLE");

    static Stream<String> allDocuments() {
        return Stream.concat(TRUST.stream(), PERMISSIONS.stream());
    }

    static Stream<String> permissionDocuments() {
        return PERMISSIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("allDocuments")
    void parsesWithTheSdksIamPolicyModelAndUsesOnlyCatalogActions(String file) {
        IamPolicy policy = IamPolicy.fromJson(DeployFiles.text(file));
        assertThat(policy.statements()).isNotEmpty();
        List<String> unknown = new ArrayList<>();
        policy.statements()
                .forEach(s -> s.actions().forEach(a -> {
                    if (!CATALOG.exists(a.value())) {
                        unknown.add(a.value());
                    }
                }));
        assertThat(unknown).as(file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("permissionDocuments")
    void everyActionIsScopedToResourcesOfATypeItSupports(String file) {
        List<String> problems = new ArrayList<>();
        for (JsonNode statement : DeployFiles.json(file).path("Statement")) {
            for (String action : values(statement.path("Action"))) {
                ActionInfo info = CATALOG.action(action).orElseThrow();
                for (String resource : values(statement.path("Resource"))) {
                    problems.addAll(scopeProblems(statement.path("Sid").asText(), info, filled(resource)));
                }
            }
        }
        assertThat(problems).as(file).isEmpty();
    }

    @Test
    void aResourceOfTheWrongTypeIsReported() {
        ActionInfo subscribe = CATALOG.action("kinesis:SubscribeToShard").orElseThrow();
        assertThat(scopeProblems("Test", subscribe, "arn:aws:kinesis:us-east-1:111122223333:stream/audit"))
                .singleElement()
                .asString()
                .contains("kinesis:SubscribeToShard cannot be scoped to [kinesis:stream]");
        ActionInfo getObject = CATALOG.action("s3:GetObject").orElseThrow();
        assertThat(scopeProblems("Test", getObject, "*"))
                .singleElement()
                .asString()
                .contains("can be scoped");
    }

    @ParameterizedTest
    @MethodSource("allDocuments")
    void conditionKeysAreCatalogKeysOrTheClustersOidcProvider(String file) {
        List<String> unknown = new ArrayList<>();
        for (JsonNode statement : DeployFiles.json(file).path("Statement")) {
            statement
                    .path("Condition")
                    .forEach(operator -> operator.fieldNames().forEachRemaining(key -> {
                        boolean oidc = key.startsWith("oidc.eks.<REGION>.amazonaws.com/id/<OIDC_ID>:");
                        if (!oidc && CATALOG.conditionKey(key).isEmpty()) {
                            unknown.add(key);
                        }
                    }));
        }
        assertThat(unknown).as(file).isEmpty();
    }

    @Test
    void trustPoliciesNameTheServiceAccountsThatRunTrailtailor() {
        assertThat(DeployFiles.text("iam/trust-irsa.json")).contains("system:serviceaccount:trailtailor:trailtailor");
        assertThat(DeployFiles.text("iam/trust-emr-on-eks.json"))
                .contains("system:serviceaccount:trailtailor:emr-containers-sa-");
        assertThat(DeployFiles.json("iam/trust-pod-identity.json")
                        .at("/Statement/0/Principal/Service")
                        .asText())
                .isEqualTo("pods.eks.amazonaws.com");
        assertThat(DeployFiles.json("iam/trust-emr-ec2.json")
                        .at("/Statement/0/Principal/Service")
                        .asText())
                .isEqualTo("ec2.amazonaws.com");
    }

    /** Empty when the action may be scoped to the resource; "*" only for actions without resource-level scoping. */
    static List<String> scopeProblems(String sid, ActionInfo action, String resource) {
        if (resource.equals("*")) {
            return action.wildcardOnly()
                    ? List.of()
                    : List.of(sid + ": " + action.qualifiedName() + " can be scoped to " + action.resourceTypes()
                            + ", not *");
        }
        // A wildcard stands for some concrete ARN: "x" for a name, "x:1" where a template goes on after it (a Kinesis
        // consumer is .../consumer/<name>:<creation timestamp>).
        List<ResourceTypeInfo> types = List.of();
        for (String concrete : List.of(resource.replace("*", "x"), resource.replace("*", "x:1"))) {
            types = CATALOG.resourceTypesForArn(concrete);
            if (supports(action, types)) {
                return List.of();
            }
        }
        return List.of(sid + ": " + action.qualifiedName() + " cannot be scoped to "
                + types.stream().map(ResourceTypeInfo::qualifiedName).toList() + " (" + resource + "); it takes "
                + action.resourceTypes().stream()
                        .map(ActionResource::resourceType)
                        .toList());
    }

    private static boolean supports(ActionInfo action, List<ResourceTypeInfo> types) {
        return action.resourceTypes().stream()
                .anyMatch(r -> types.stream()
                        .anyMatch(t -> t.service().equalsIgnoreCase(action.service())
                                && t.name().equalsIgnoreCase(r.resourceType())));
    }

    /** {@code <ACCOUNT_ID>} → 111122223333, {@code <TRAIL_BUCKET>} → trail-bucket, ... */
    static String filled(String template) {
        Matcher m = Pattern.compile("<[A-Z0-9_]+>").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String sample = SAMPLES.getOrDefault(
                    m.group(),
                    m.group()
                            .substring(1, m.group().length() - 1)
                            .toLowerCase(Locale.ROOT)
                            .replace('_', '-'));
            m.appendReplacement(out, Matcher.quoteReplacement(sample));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> values(JsonNode stringOrArray) {
        List<String> values = new ArrayList<>();
        if (stringOrArray.isArray()) {
            stringOrArray.forEach(v -> values.add(v.asText()));
        } else if (!stringOrArray.isMissingNode()) {
            values.add(stringOrArray.asText());
        }
        return values;
    }
}
