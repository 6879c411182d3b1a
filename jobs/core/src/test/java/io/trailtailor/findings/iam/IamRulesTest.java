package io.trailtailor.findings.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.CredentialReport;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Severity;
import io.trailtailor.identity.Mechanism;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamRulesTest {

    @TempDir
    Path dir;

    private static final String S3_SQS = """
            [{"Sid":"Data","Effect":"Allow","Action":["s3:ListAllMyBuckets","sqs:SendMessage","sqs:GetQueueUrl"],
              "Resource":"*"}]""";

    @Test
    void aRoleNobodyUsedIsUnusedWithHighConfidenceAndAUsedOneIsNot() {
        FindingContext ctx = new World()
                .role("idle", S3_SQS)
                .role("busy", S3_SQS)
                .roleCall("busy", "s3:ListAllMyBuckets", "*", 3, false)
                .context(dir);
        List<Finding> f = World.run(new UnusedRole(), ctx);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.principalArn()).isEqualTo(World.arn("idle"));
            assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(x.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(x.recommendation().kind()).isEqualTo(RecommendationKind.DELETE_IDENTITY);
        });
    }

    @Test
    void aRoleCreatedMidWindowIsNotCalledUnusedWithHighConfidence() {
        FindingContext ctx =
                new World().role("fresh", "2026-11-10T00:00:00+00:00", S3_SQS).context(dir);
        assertThat(World.run(new UnusedRole(), ctx)).singleElement().satisfies(x -> {
            assertThat(x.confidence()).isEqualTo(Confidence.LOW);
            assertThat(x.detail()).contains("created during the window");
        });
    }

    @Test
    void deniedCallsNeverCountAsUse() {
        FindingContext ctx = new World()
                .role("refused", S3_SQS)
                .roleCall("refused", "s3:ListAllMyBuckets", "*", 9, true)
                .context(dir);
        assertThat(World.run(new UnusedRole(), ctx))
                .extracting(Finding::principalArn)
                .containsExactly(World.arn("refused"));
        assertThat(World.run(new AccessDenied(), ctx)).singleElement().satisfies(x -> {
            assertThat(x.actions()).containsExactly("s3:ListAllMyBuckets");
            assertThat(x.severity()).isEqualTo(Severity.LOW); // repeated: 9 >= 5
            assertThat(x.evidence().facts()).containsEntry("deniedCalls", 9L);
        });
    }

    @Test
    void aSingleDeniedCallIsInfo() {
        FindingContext ctx = new World()
                .role("app", S3_SQS)
                .roleCall("app", "sqs:GetQueueUrl", "*", 1, true)
                .context(dir);
        assertThat(World.run(new AccessDenied(), ctx))
                .extracting(Finding::severity)
                .containsExactly(Severity.INFO);
    }

    @Test
    void aRoleSharedByTwoServiceAccountsIsJudgedPerWorkload() {
        FindingContext ctx = new World()
                .role("shared", S3_SQS)
                .workload("web", "frontend", "shared", Mechanism.POD_IDENTITY)
                .workload("web", "backend", "shared", Mechanism.POD_IDENTITY)
                .workloadCall("web", "frontend", "shared", "s3:ListAllMyBuckets", "*", 4, false)
                .workloadCall(
                        "web",
                        "frontend",
                        "shared",
                        "sqs:SendMessage",
                        "arn:aws:sqs:eu-west-1:111122223333:orders",
                        2,
                        false)
                .workloadCall("web", "backend", "shared", "s3:ListAllMyBuckets", "*", 1, false)
                .workloadCall("web", "backend", "shared", "sqs:GetQueueUrl", "*", 3, true)
                .context(dir);
        List<Finding> services = World.run(new UnusedService(), ctx);
        assertThat(services).singleElement().satisfies(x -> {
            assertThat(x.principalArn()).isEqualTo(World.arn("shared"));
            assertThat(x.serviceAccount()).isEqualTo("backend");
            assertThat(x.namespace()).isEqualTo("web");
            assertThat(x.cluster()).isEqualTo("prod");
            assertThat(x.actions()).containsExactly("sqs:*");
            assertThat(x.confidence()).isEqualTo(Confidence.HIGH);
        });
        List<Finding> actions = World.run(new UnusedActions(), ctx);
        assertThat(actions).singleElement().satisfies(x -> {
            assertThat(x.serviceAccount()).isEqualTo("frontend");
            assertThat(x.actions()).containsExactly("sqs:GetQueueUrl");
            assertThat(x.severity()).isEqualTo(Severity.LOW);
        });
    }

    @Test
    void irsaAttributionLowersConfidenceToMedium() {
        FindingContext ctx = new World()
                .role("irsa", S3_SQS)
                .workload("web", "api", "irsa", Mechanism.IRSA)
                .workloadCall("web", "api", "irsa", "s3:ListAllMyBuckets", "*", 1, false)
                .context(dir);
        assertThat(World.run(new UnusedService(), ctx))
                .extracting(Finding::confidence)
                .containsExactly(Confidence.MEDIUM);
    }

    @Test
    void anUnobservableGrantIsNeverCalledUnused() {
        String statements = """
                [{"Effect":"Allow","Action":["s3:GetObject","s3:ListAllMyBuckets"],"Resource":"*"}]""";
        FindingContext ctx = new World()
                .role("reader", statements)
                .roleCall("reader", "s3:ListAllMyBuckets", "*", 1, false)
                .context(dir);
        assertThat(World.run(new UnobservableGrant(), ctx)).singleElement().satisfies(x -> {
            assertThat(x.actions()).containsExactly("s3:GetObject");
            assertThat(x.severity()).isEqualTo(Severity.INFO);
            assertThat(x.evidence().facts()).containsEntry("kind", "s3-object");
        });
        assertThat(World.run(new UnusedActions(), ctx)).isEmpty();
        assertThat(World.run(new UnusedDataRead(), ctx)).isEmpty();
    }

    @Test
    void onceADataEventOfTheKindAppearsTheGrantIsJudged() {
        String statements = """
                [{"Effect":"Allow","Action":["s3:GetObject","s3:ListAllMyBuckets"],"Resource":"*"}]""";
        FindingContext ctx = new World()
                .role("reader", statements)
                .role("other", "[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]")
                .roleCall("reader", "s3:ListAllMyBuckets", "*", 1, false)
                .roleCall("other", "s3:PutObject", "arn:aws:s3:::b/k", 1, false)
                .context(dir);
        assertThat(World.run(new UnobservableGrant(), ctx)).isEmpty();
        assertThat(World.run(new UnusedDataRead(), ctx)).singleElement().satisfies(x -> {
            assertThat(x.principalArn()).isEqualTo(World.arn("reader"));
            assertThat(x.actions()).containsExactly("s3:GetObject");
            assertThat(x.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void fingerprintsAreStableAcrossRunsAndIndependentOfCounts() {
        World a = new World().role("app", S3_SQS).roleCall("app", "s3:ListAllMyBuckets", "*", 1, false);
        World b = new World().role("app", S3_SQS).roleCall("app", "s3:ListAllMyBuckets", "*", 500, false);
        List<Finding> first = World.run(new UnusedService(), a.context(dir));
        List<Finding> again = World.run(new UnusedService(), a.context(dir));
        List<Finding> more = World.run(new UnusedService(), b.context(dir));
        assertThat(first).hasSize(1);
        assertThat(again)
                .extracting(Finding::fingerprint)
                .containsExactlyElementsOf(
                        first.stream().map(Finding::fingerprint).toList());
        assertThat(more)
                .extracting(Finding::fingerprint)
                .containsExactlyElementsOf(
                        first.stream().map(Finding::fingerprint).toList());
        assertThat(first.get(0).recommendation().file()).isEqualTo("policies/roles/app.json");
        assertThat(first.get(0).recommendation().patch())
                .contains("s3:ListAllMyBuckets")
                .doesNotContain("sqs");
    }

    @Test
    void adminEquivalentGrantsAreCriticalAndEscalateAnUnusedRole() {
        FindingContext ctx = new World()
                .role("admin", "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]")
                .role("iamonly", "[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]")
                .role("narrow", S3_SQS)
                .context(dir);
        assertThat(World.run(new AdminEquivalentGrant(), ctx))
                .extracting(Finding::principalArn, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(World.arn("admin"), Severity.CRITICAL),
                        org.assertj.core.groups.Tuple.tuple(World.arn("iamonly"), Severity.CRITICAL));
        assertThat(World.run(new UnusedRole(), ctx))
                .extracting(Finding::principalArn, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(World.arn("admin"), Severity.HIGH),
                        org.assertj.core.groups.Tuple.tuple(World.arn("iamonly"), Severity.HIGH),
                        org.assertj.core.groups.Tuple.tuple(World.arn("narrow"), Severity.MEDIUM));
    }

    @Test
    void aServiceWildcardIsReportedWithTheActionsUsed() {
        FindingContext ctx = new World()
                .role(
                        "app",
                        "[{\"Sid\":\"Q\",\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"},"
                                + "{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"*\"}]")
                .roleCall("app", "sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:orders", 2, false)
                .context(dir);
        assertThat(World.run(new ServiceWildcard(), ctx)).singleElement().satisfies(x -> {
            assertThat(x.actions()).containsExactly("sqs:*");
            assertThat(x.grant()).isEqualTo("app-policy#Q");
            assertThat(x.evidence().facts()).containsEntry("actionsUsed", 1L);
            assertThat(x.recommendation().kind()).isEqualTo(RecommendationKind.REPLACE_POLICY);
        });
    }

    @Test
    void aWildcardResourceUsedOnOneArnIsScopedToIt() {
        String queue = "arn:aws:sqs:eu-west-1:111122223333:orders";
        FindingContext ctx = new World()
                .role("app", "[{\"Effect\":\"Allow\",\"Action\":\"sqs:GetQueueAttributes\",\"Resource\":\"*\"}]")
                .role(
                        "tight",
                        "[{\"Effect\":\"Allow\",\"Action\":\"sqs:GetQueueAttributes\",\"Resource\":\"" + queue + "\"}]")
                .roleCall("app", "sqs:GetQueueAttributes", queue, 2, false)
                .roleCall("tight", "sqs:GetQueueAttributes", queue, 2, false)
                .context(dir);
        assertThat(World.run(new ResourceScopeWiderThanUse(), ctx))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.principalArn()).isEqualTo(World.arn("app"));
                    assertThat(x.recommendation().kind()).isEqualTo(RecommendationKind.SCOPE_RESOURCES);
                    assertThat(x.recommendation().patch()).contains(queue);
                });
    }

    @Test
    void credentialActionsOnAllRolesUnusedAreHighAndScopedOnesAreNot() {
        FindingContext ctx = new World()
                .role("hopper", "[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]")
                .role(
                        "scoped",
                        "[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + World.arn("target")
                                + "\"}]")
                .context(dir);
        assertThat(World.run(new UnusedCredentialActions(), ctx))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.principalArn()).isEqualTo(World.arn("hopper"));
                    assertThat(x.actions()).containsExactly("sts:AssumeRole");
                    assertThat(x.severity()).isEqualTo(Severity.HIGH);
                });
    }

    @Test
    void unusedPermissionsManagementOnStarIsReportedPerService() {
        FindingContext ctx = new World()
                .role(
                        "app",
                        "[{\"Effect\":\"Allow\",\"Action\":[\"s3:PutBucketPolicy\",\"s3:ListAllMyBuckets\"],"
                                + "\"Resource\":\"*\"}]")
                .role("user", "[{\"Effect\":\"Allow\",\"Action\":[\"s3:PutBucketPolicy\"],\"Resource\":\"*\"}]")
                .roleCall("user", "s3:PutBucketPolicy", "arn:aws:s3:::b", 1, false)
                .context(dir);
        assertThat(World.run(new UnusedPermissionsManagement(), ctx))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.principalArn()).isEqualTo(World.arn("app"));
                    assertThat(x.actions()).containsExactly("s3:PutBucketPolicy");
                });
    }

    @Test
    void passRoleOnStarIsScopedToTheRolesActuallyPassed() {
        FindingContext ctx = new World()
                .role("deployer", "[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}]")
                .role(
                        "careful",
                        "[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\""
                                + World.arn("task") + "\",\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":"
                                + "\"ecs-tasks.amazonaws.com\"}}}]")
                .passRole("deployer", World.arn("task"), "ecs-tasks.amazonaws.com")
                .passRole("careful", World.arn("task"), "ecs-tasks.amazonaws.com")
                .context(dir);
        assertThat(World.run(new PassRoleUnscoped(), ctx)).singleElement().satisfies(x -> {
            assertThat(x.principalArn()).isEqualTo(World.arn("deployer"));
            assertThat(x.recommendation().kind()).isEqualTo(RecommendationKind.SCOPE_RESOURCES);
            assertThat(x.recommendation().patch())
                    .contains(World.arn("task"))
                    .contains("iam:PassedToService")
                    .contains("ecs-tasks.amazonaws.com");
        });
    }

    @Test
    void aNeverUsedAccessKeyIsReportedAndARecentlyUsedOneIsNot() {
        String csv = """
                user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
                ci,arn:aws:iam::111122223333:user/ci,2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2025-01-01T00:00:00+00:00,N/A,N/A,N/A,true,2025-01-01T00:00:00+00:00,2026-11-14T08:00:00+00:00,eu-west-1,s3,false,N/A,false,N/A
                """;
        FindingContext ctx = new World()
                .report(CredentialReport.parse(new StringReader(csv)))
                .context(dir);
        assertThat(World.run(new UnusedUserCredential(), ctx)).singleElement().satisfies(x -> {
            assertThat(x.principalArn()).isEqualTo("arn:aws:iam::111122223333:user/ci");
            assertThat(x.grant()).isEqualTo("access_key_1");
            assertThat(x.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(x.recommendation().kind()).isEqualTo(RecommendationKind.DEACTIVATE_CREDENTIAL);
        });
    }

    @Test
    void withoutAnyInputWindowTheUsageRulesAreSilent() {
        FindingContext ctx = new World().role("idle", S3_SQS).context(dir);
        FindingContext empty = new FindingContext(
                ctx.catalog(),
                ctx.iam(),
                ctx.managedPolicies(),
                ctx.clusters(),
                ctx.credentialReport(),
                io.trailtailor.findings.used.UsedSide.empty(),
                ctx.options(),
                ctx.policyFiles(),
                ctx.rbacFiles(),
                null);
        assertThat(World.run(new UnusedRole(), empty)).isEmpty();
        assertThat(World.run(new UnusedService(), empty)).isEmpty();
    }
}
