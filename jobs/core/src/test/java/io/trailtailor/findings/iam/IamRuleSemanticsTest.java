package io.trailtailor.findings.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.FindingsEngine;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleRegistry;
import io.trailtailor.identity.Mechanism;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IamRuleSemanticsTest {

    @TempDir
    Path dir;

    private static final String S3_SQS = """
            [{"Effect":"Allow","Action":["s3:ListAllMyBuckets","sqs:GetQueueUrl"],"Resource":"*"}]""";

    static Stream<Arguments> confidences() {
        Instant longWindow = World.TO;
        Instant shortWindow = World.FROM.plusSeconds(2 * 86_400);
        return Stream.of(
                Arguments.of(Mechanism.POD_IDENTITY, longWindow, Confidence.HIGH),
                Arguments.of(Mechanism.POD_IDENTITY, shortWindow, Confidence.MEDIUM),
                Arguments.of(Mechanism.IRSA, longWindow, Confidence.MEDIUM),
                Arguments.of(Mechanism.INSTANCE_PROFILE, longWindow, Confidence.LOW),
                Arguments.of(Mechanism.INSTANCE_PROFILE, shortWindow, Confidence.LOW));
    }

    @ParameterizedTest
    @MethodSource("confidences")
    void confidenceFollowsAttributionAndWindowLength(Mechanism mechanism, Instant windowTo, Confidence expected) {
        FindingContext ctx = new World()
                .role("app", S3_SQS)
                .workload("web", "api", "app", mechanism)
                .workloadCall("web", "api", "app", "s3:ListAllMyBuckets", "*", 1, false)
                .windowTo(windowTo)
                .context(dir);
        assertThat(World.run(new UnusedService(), ctx))
                .extracting(Finding::confidence)
                .containsExactly(expected);
    }

    @Test
    void anUnusedRoleNamesItsServiceAccountAnnotationAndHowToRemoveIt() {
        FindingContext ctx = new World()
                .role("orphan", S3_SQS)
                .irsaAnnotation("web", "old-api", "orphan")
                .context(dir);
        assertThat(World.run(new UnusedRole(), ctx)).singleElement().satisfies(x -> {
            assertThat(x.evidence().granted())
                    .extracting(Evidence.Granted::kind, Evidence.Granted::source)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("ROLE", World.arn("orphan")),
                            org.assertj.core.groups.Tuple.tuple("SA_ANNOTATION", "prod/web/old-api"));
            assertThat(x.recommendation().patch())
                    .contains("annotate serviceaccount old-api eks.amazonaws.com/role-arn-")
                    .contains("aws iam delete-role --role-name orphan");
        });
    }

    @Test
    void serviceLinkedRolesAreMarkedSystem() {
        FindingContext ctx = new World()
                .role(
                        "/aws-service-role/eks.amazonaws.com/",
                        "AWSServiceRoleForAmazonEKS",
                        "2025-01-01T00:00:00+00:00",
                        S3_SQS)
                .role("app", S3_SQS)
                .context(dir);
        assertThat(World.run(new UnusedRole(), ctx))
                .extracting(Finding::principalArn, Finding::system)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(World.arn("AWSServiceRoleForAmazonEKS"), true),
                        org.assertj.core.groups.Tuple.tuple(World.arn("app"), false));
    }

    @Test
    void aDeniedCallOfAWorkloadIsReportedForTheWorkloadNotTwice() {
        FindingContext ctx = new World()
                .role("app", S3_SQS)
                .workload("web", "api", "app", Mechanism.POD_IDENTITY)
                .workloadCall("web", "api", "app", "sqs:GetQueueUrl", "*", 2, true)
                .context(dir);
        assertThat(World.run(new AccessDenied(), ctx)).singleElement().satisfies(x -> {
            assertThat(x.principalArn()).isEqualTo(World.arn("app"));
            assertThat(x.cluster() + "/" + x.namespace() + "/" + x.serviceAccount())
                    .isEqualTo("prod/web/api");
        });
    }

    @Test
    void theEngineRunsEveryIamRuleWithUniqueFingerprintsMostSevereFirst() throws Exception {
        List<RuleRegistry.Entry> entries = new java.util.ArrayList<>();
        for (RuleRegistry.Described d : RuleRegistry.described()) {
            if (!d.implementation().startsWith("io.trailtailor.findings.iam.")) continue;
            entries.add(new RuleRegistry.Entry(d.info(), (Rule)
                    Class.forName(d.implementation()).getDeclaredConstructor().newInstance()));
        }
        FindingContext ctx = new World()
                .role("admin", "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]")
                .role("app", "[{\"Effect\":\"Allow\",\"Action\":[\"sqs:*\",\"s3:GetObject\"],\"Resource\":\"*\"}]")
                .roleCall("app", "sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:orders", 4, false)
                .roleCall("app", "sqs:DeleteQueue", "arn:aws:sqs:eu-west-1:111122223333:orders", 1, true)
                .context(dir);
        List<Finding> all = new FindingsEngine(new RuleRegistry(entries)).evaluate(ctx);
        Set<String> fingerprints = new HashSet<>();
        all.forEach(f -> fingerprints.add(f.fingerprint()));
        assertThat(fingerprints).hasSize(all.size());
        assertThat(all).isSortedAccordingTo(FindingsEngine.ORDER);
        assertThat(all.get(0).rule()).isEqualTo("TT-IAM-011");
        assertThat(all)
                .extracting(Finding::rule)
                .contains("TT-IAM-001", "TT-IAM-003", "TT-IAM-004", "TT-IAM-006", "TT-IAM-007", "TT-IAM-012");
        // the unobservable s3:GetObject is never among the unused actions
        assertThat(all.stream()
                        .filter(f -> f.rule().equals("TT-IAM-003") || f.rule().equals("TT-IAM-002"))
                        .flatMap(f -> f.actions().stream()))
                .doesNotContain("s3:GetObject", "s3:*");
    }
}
