package io.trailtailor.findings.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.FindingsOptions;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.grants.IamSnapshot;
import io.trailtailor.grants.IamSnapshotReader;
import io.trailtailor.grants.ManagedPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivilegeEscalationPathTest {

    private static final IamCatalog CATALOG = IamCatalog.loadDefault();
    private static final String ROLE = "arn:aws:iam::111122223333:role/app";
    private static final RuleInfo INFO = new RuleInfo(
            "TT-IAM-010",
            "PRIVILEGE_ESCALATION_PATH",
            Severity.CRITICAL,
            "Privilege escalation path",
            "d",
            List.of(RecommendationKind.REPLACE_POLICY),
            List.of());
    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-15T00:00:00Z");

    @TempDir
    Path dir;

    /** A get-account-authorization-details response with one role and one inline statement. */
    private IamSnapshot snapshot(String actions, String resource) throws IOException {
        String json = """
                {"RoleDetailList":[{"Path":"/","RoleName":"app","RoleId":"AROAEXAMPLE","Arn":"%s",
                 "CreateDate":"2026-01-01T00:00:00+00:00",
                 "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                   "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]},
                 "InstanceProfileList":[],"RolePolicyList":[{"PolicyName":"inline","PolicyDocument":
                   {"Version":"2012-10-17","Statement":[{"Sid":"Esc","Effect":"Allow","Action":%s,
                    "Resource":"%s"}]}}],
                 "AttachedManagedPolicies":[],"Tags":[]}],
                 "UserDetailList":[],"GroupDetailList":[],"Policies":[]}
                """.formatted(ROLE, actions, resource);
        Path f = dir.resolve("gaad.json");
        Files.writeString(f, json);
        return IamSnapshotReader.read(f);
    }

    private static FindingContext context(IamSnapshot iam, List<UsedAction> used) {
        return FindingContext.of(
                CATALOG,
                iam,
                ManagedPolicies.loadDefault(),
                Map.of(),
                null,
                new UsedSide(used, List.of(), List.of(), List.of(), FROM, TO),
                FindingsOptions.defaults(),
                Map.of(ROLE, "policies/roles/app.json"),
                Map.of());
    }

    private static UsedAction call(String action, boolean denied) {
        return new UsedAction(
                UsedAction.ROLE, ROLE, null, null, null, action, "*", denied, 3, FROM, TO, List.of("ev-1"), List.of());
    }

    private static List<Finding> iam001(List<Finding> all) {
        return all.stream()
                .filter(f -> f.grant().equals("escalation-path:iam-001"))
                .toList();
    }

    @Test
    void anUnusedPathOnAllResourcesIsCriticalAndDropsTheUnusedAction() throws IOException {
        List<Finding> out = iam001(new PrivilegeEscalationPath()
                .evaluate(context(snapshot("\"iam:CreatePolicyVersion\"", "*"), List.of()), INFO));

        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(f.actions()).containsExactly("iam:CreatePolicyVersion");
        assertThat(f.evidence().facts())
                .containsEntry("pathId", "iam-001")
                .containsEntry("pathUrl", "https://pathfinding.cloud/paths/iam-001")
                .containsEntry("unusedPathActions", List.of("iam:CreatePolicyVersion"));
        assertThat(f.evidence().granted()).singleElement().satisfies(g -> {
            assertThat(g.source()).isEqualTo("inline");
            assertThat(g.statement()).isEqualTo("Esc");
        });
        assertThat(f.recommendation().kind()).isEqualTo(RecommendationKind.REPLACE_POLICY);
        assertThat(f.recommendation().file()).isEqualTo("policies/roles/app.json");
        assertThat(f.recommendation().patch()).contains("\"iam:CreatePolicyVersion\"", "\"Esc\"");
    }

    @Test
    void aPathWhoseActionWasUsedIsHighAndDeniedCallsDoNotCountAsUse() throws IOException {
        IamSnapshot iam = snapshot("\"iam:CreatePolicyVersion\"", "*");

        Finding used = iam001(new PrivilegeEscalationPath()
                        .evaluate(context(iam, List.of(call("iam:CreatePolicyVersion", false))), INFO))
                .get(0);
        Finding denied = iam001(new PrivilegeEscalationPath()
                        .evaluate(context(iam, List.of(call("iam:CreatePolicyVersion", true))), INFO))
                .get(0);

        assertThat(used.severity()).isEqualTo(Severity.HIGH);
        assertThat(used.recommendation().kind()).isEqualTo(RecommendationKind.REVIEW);
        assertThat(used.evidence().used())
                .singleElement()
                .satisfies(u -> assertThat(u.count()).isEqualTo(3));
        assertThat(denied.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(denied.evidence().used()).isEmpty();
    }

    @Test
    void aPathOnNamedResourcesOnlyDoesNotFire() throws IOException {
        List<Finding> out = new PrivilegeEscalationPath()
                .evaluate(
                        context(
                                snapshot("\"iam:CreatePolicyVersion\"", "arn:aws:iam::111122223333:policy/app-only"),
                                List.of()),
                        INFO);

        assertThat(out).isEmpty();
    }

    @Test
    void theEksAccessEntryPathFiresOnlyWhenBothActionsAreGranted() throws IOException {
        List<String> both = new PrivilegeEscalationPath()
                        .evaluate(
                                context(
                                        snapshot("[\"eks:CreateAccessEntry\",\"eks:AssociateAccessPolicy\"]", "*"),
                                        List.of()),
                                INFO)
                        .stream()
                        .map(Finding::grant)
                        .toList();
        List<String> one = new PrivilegeEscalationPath()
                .evaluate(context(snapshot("\"eks:CreateAccessEntry\"", "*"), List.of()), INFO).stream()
                        .map(Finding::grant)
                        .toList();

        assertThat(both).containsExactly("escalation-path:tt-eks-001");
        assertThat(one).isEmpty();
    }

    @Test
    void aWildcardOverEveryResourceOfTheTypeCountsAsUnrestricted() {
        assertThat(EscalationPathMatcher.coversAnyResource("*")).isTrue();
        assertThat(EscalationPathMatcher.coversAnyResource("arn:aws:iam::111122223333:role/*"))
                .isTrue();
        assertThat(EscalationPathMatcher.coversAnyResource("arn:aws:iam::111122223333:role/app-*"))
                .isFalse();
        assertThat(EscalationPathMatcher.coversAnyResource("arn:aws:iam::111122223333:role/app"))
                .isFalse();
    }

    @Test
    void theBundledDataCarriesItsProvenanceAndOurEksPaths() {
        EscalationPaths paths = EscalationPaths.loadDefault();

        assertThat(paths.provenance().commit()).isEqualTo("84dd65c97fc21dee54f4587be6dfd5b7b5fe320c");
        assertThat(paths.provenance().license()).isEqualTo("Apache-2.0");
        assertThat(paths.paths().stream().filter(p -> p.source().equals(EscalationPath.PATHFINDING)))
                .hasSize(65);
        assertThat(paths.paths().stream()
                        .filter(p -> p.source().equals(EscalationPath.TRAILTAILOR))
                        .map(EscalationPath::id))
                .containsExactly("tt-eks-001", "tt-eks-002");
    }

    @Test
    void anAdministratorGetsNoPathFindingsBecauseAdminEquivalenceIsReportedOnce() throws IOException {
        List<Finding> admin = new PrivilegeEscalationPath().evaluate(context(snapshot("\"*\"", "*"), List.of()), INFO);
        List<Finding> passRole = new PrivilegeEscalationPath()
                .evaluate(context(snapshot("[\"iam:PassRole\",\"ec2:RunInstances\"]", "*"), List.of()), INFO);

        assertThat(admin).isEmpty();
        assertThat(passRole).isNotEmpty();
    }
}
