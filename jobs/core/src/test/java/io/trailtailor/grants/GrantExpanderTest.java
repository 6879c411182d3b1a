package io.trailtailor.grants;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.catalog.ActionInfo;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyStatement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GrantExpanderTest {

    private static final IamCatalog CATALOG = IamCatalog.loadDefault();
    private static final IamSnapshot SNAPSHOT = Fixtures.snapshot();
    private static final GrantExpander EXPANDER = new GrantExpander(CATALOG);

    private static EffectiveGrants role(PolicyResolver resolver, String name) {
        return EXPANDER.expand(resolver.forRole(SNAPSHOT.role(name).orElseThrow()));
    }

    @Test
    void inlineWildcardsExpandCaseInsensitivelyAndUnknownActionsAreNoted() {
        PolicyResolver resolver = new PolicyResolver(SNAPSHOT, ManagedPolicies.loadDefault());
        EffectiveGrants g = role(resolver, Fixtures.role("web-backend"));
        assertThat(g.grantsOf("sqs:ReceiveMessage")).singleElement().satisfies(x -> {
            assertThat(x.action()).isEqualTo("sqs:ReceiveMessage");
            assertThat(x.resource()).isEqualTo("arn:aws:sqs:eu-west-1:111122223333:orders");
            assertThat(x.conditional()).isFalse();
            assertThat(x.sources()).containsExactly(new Grant.Source("orders-queue", null, 0, "Queue"));
        });
        assertThat(g.unknownActionPatterns()).containsExactly("sqs:SendMesage");
    }

    @Test
    void awsManagedPoliciesAbsentFromTheSnapshotComeFromTheBundleAndAreNamed() {
        PolicyResolver resolver = new PolicyResolver(SNAPSHOT, ManagedPolicies.loadDefault());
        EffectiveGrants web = role(resolver, Fixtures.role("web-backend"));
        assertThat(web.allows("s3:GetObject")).isTrue();
        EffectiveGrants auditor = role(resolver, "arn:aws:iam::444455556666:role/auditor");
        // the snapshot's own copy wins over the bundle's (here deliberately smaller)
        assertThat(auditor.actions()).containsExactly("sqs:GetQueueAttributes", "sqs:ListQueues");
        assertThat(auditor.unresolvedPolicies()).containsExactly("arn:aws:iam::444455556666:policy/gone");
        assertThat(resolver.resolvedFromBundle()).containsExactly("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        assertThat(resolver.unresolved()).containsExactly("arn:aws:iam::444455556666:policy/gone");
    }

    @Test
    void groupPoliciesReachTheirMembers() {
        PolicyResolver resolver = new PolicyResolver(SNAPSHOT, ManagedPolicies.loadDefault());
        EffectiveGrants alice = EXPANDER.expand(resolver.forUser(
                SNAPSHOT.user("arn:aws:iam::111122223333:user/alice").orElseThrow()));
        assertThat(alice.actions()).containsExactly("logs:FilterLogEvents", "logs:GetLogEvents", "ssm:GetParameter");
        assertThat(alice.grantsOf("logs:GetLogEvents").get(0).sources())
                .containsExactly(
                        new Grant.Source("read-app-logs", "arn:aws:iam::111122223333:group/developers", 0, "ReadLogs"));
    }

    @Test
    void aPermissionBoundaryRemovesWhatItDoesNotAllow() {
        PolicyResolver resolver = new PolicyResolver(SNAPSHOT, ManagedPolicies.loadDefault());
        EffectiveGrants g = role(resolver, Fixtures.role("orders-pod-identity"));
        assertThat(g.grants())
                .extracting(Grant::action, Grant::resource)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"));
        assertThat(g.deniedByBoundary()).isEqualTo(2);
    }

    static Stream<Arguments> boundaryIntersections() {
        return Stream.of(
                Arguments.of("*", "arn:aws:s3:::logs/*", List.of("arn:aws:s3:::logs/*")),
                Arguments.of("arn:aws:s3:::logs/2026/*", "arn:aws:s3:::logs/*", List.of("arn:aws:s3:::logs/2026/*")),
                Arguments.of("arn:aws:s3:::data/*", "arn:aws:s3:::logs/*", List.of()));
    }

    @ParameterizedTest(name = "grant {0} within boundary {1} is {2}")
    @MethodSource("boundaryIntersections")
    void aBoundaryNarrowsAResourcePatternToTheIntersection(String granted, String bounded, List<String> expected) {
        PolicyDocument allow =
                PolicyDocument.of(List.of(PolicyStatement.allow(null, List.of("s3:GetObject"), List.of(granted))));
        PolicyDocument boundary =
                PolicyDocument.of(List.of(PolicyStatement.allow(null, List.of("s3:Get*"), List.of(bounded))));
        EffectiveGrants g = EXPANDER.expand(new PrincipalPolicies(
                "arn:aws:iam::1:role/r",
                List.of(new SourcedDocument("p", SourcedDocument.Kind.INLINE, null, allow)),
                "arn:aws:iam::1:policy/b",
                boundary,
                List.of()));
        assertThat(g.grants()).extracting(Grant::resource).containsExactlyElementsOf(expected);
    }

    @Test
    void notActionGrantsExactlyTheCatalogActionsItDoesNotNameMinusExplicitDenies() {
        PolicyResolver resolver = new PolicyResolver(SNAPSHOT, ManagedPolicies.loadDefault());
        EffectiveGrants g = role(resolver, Fixtures.role("ops/ops-power"));
        Set<String> expected = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        int s3Deletes = 0;
        for (String prefix : CATALOG.servicePrefixes()) {
            if (Set.of("iam", "organizations", "account").contains(prefix)) continue;
            for (ActionInfo a : CATALOG.actions(prefix)) {
                if (prefix.equals("s3") && a.name().startsWith("Delete")) s3Deletes++;
                else expected.add(a.qualifiedName());
            }
        }
        assertThat(g.actions()).containsExactlyElementsOf(expected);
        assertThat(g.deniedByPolicy()).isEqualTo(s3Deletes).isGreaterThan(10);
        assertThat(g.allows("s3:DeleteObject")).isFalse();
        assertThat(g.allows("iam:PassRole")).isFalse();
        // a conditional Deny does not remove the grant: it may not apply, so the grant becomes conditional
        assertThat(g.grantsOf("ec2:TerminateInstances"))
                .singleElement()
                .satisfies(x -> assertThat(x.conditional()).isTrue());
        assertThat(g.grantsOf("ec2:RunInstances"))
                .singleElement()
                .satisfies(x -> assertThat(x.unrestricted()).isTrue());
    }

    @Test
    void anExplicitDenyWinsOverAnAllowInAnotherPolicy() {
        PolicyDocument allow = PolicyDocument.of(List.of(PolicyStatement.allow(null, List.of("kms:*"), List.of("*"))));
        PolicyDocument deny =
                PolicyDocument.of(List.of(PolicyStatement.deny(null, List.of("kms:Decrypt"), List.of("*"))));
        EffectiveGrants g = EXPANDER.expand(new PrincipalPolicies(
                "arn:aws:iam::1:role/r",
                List.of(
                        new SourcedDocument("allow", SourcedDocument.Kind.INLINE, null, allow),
                        new SourcedDocument("deny", SourcedDocument.Kind.INLINE, null, deny)),
                null,
                null,
                List.of()));
        assertThat(g.allows("kms:Decrypt")).isFalse();
        assertThat(g.allows("kms:Encrypt")).isTrue();
        assertThat(g.actions()).hasSize(CATALOG.actions("kms").size() - 1);
        assertThat(g.deniedByPolicy()).isEqualTo(1);
    }

    @Test
    void aGrantIsConditionalOnlyWhenEveryStatementGrantingItHasAConditionOrAConditionalDenyMayRemoveIt() {
        PolicyStatement conditional = new PolicyStatement(
                null,
                io.trailtailor.policy.Effect.ALLOW,
                List.of("sqs:SendMessage", "sqs:DeleteMessage"),
                null,
                List.of("*"),
                null,
                java.util.Map.of("StringEquals", java.util.Map.of("aws:RequestedRegion", List.of("eu-west-1"))));
        PolicyDocument both = PolicyDocument.of(
                List.of(conditional, PolicyStatement.allow("Plain", List.of("sqs:SendMessage"), List.of("*"))));
        EffectiveGrants g = EXPANDER.expand(new PrincipalPolicies(
                "arn:aws:iam::1:role/r",
                List.of(new SourcedDocument("p", SourcedDocument.Kind.INLINE, null, both)),
                null,
                null,
                List.of()));
        assertThat(g.grantsOf("sqs:SendMessage")).singleElement().satisfies(x -> {
            assertThat(x.conditional()).isFalse();
            assertThat(x.sources()).hasSize(2);
        });
        assertThat(g.grantsOf("sqs:DeleteMessage"))
                .singleElement()
                .satisfies(x -> assertThat(x.conditional()).isTrue());
    }
}
