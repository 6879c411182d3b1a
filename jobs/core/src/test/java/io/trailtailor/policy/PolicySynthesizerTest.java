package io.trailtailor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.catalog.ActionInfo;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.rbac.Golden;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolicySynthesizerTest {

    static final IamCatalog CATALOG = IamCatalog.loadDefault();
    final PolicySynthesizer synth = new PolicySynthesizer(CATALOG, SynthesisOptions.defaults());

    static Stream<String> scenarios() {
        return Scenarios.NAMES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void matchesGoldenFiles(String name) {
        Scenarios.Scenario s = Scenarios.load(name);
        Map<String, String> files = new PolicyRenderer().render(synth.synthesize(s.target(), s.uses()));
        assertThat(files.keySet()).allMatch(f -> f.startsWith(s.target().basePath()));
        files.forEach((path, content) -> Golden.assertMatches("policy/golden/" + name + "/" + path, content));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void allowsEveryObservedSuccessfulCall(String name) {
        Scenarios.Scenario s = Scenarios.load(name);
        PolicyEvaluator e = synth.synthesize(s.target(), s.uses()).evaluator();
        for (ActionUse u : s.uses()) {
            if (!u.denied())
                assertThat(e.isAllowed(u.action(), u.resource()))
                        .as("%s on %s", u.action(), u.resource())
                        .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void grantsNoUnusedActionOfTheSameServices(String name) {
        Scenarios.Scenario s = Scenarios.load(name);
        PolicyEvaluator e = synth.synthesize(s.target(), s.uses()).evaluator();
        assertThat(unusedActionsAllowed(s.uses(), e)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void neverGrantsDeniedCallsByDefaultAndReportsThem(String name) {
        Scenarios.Scenario s = Scenarios.load(name);
        SynthesizedPolicy p = synth.synthesize(s.target(), s.uses());
        long deniedOnly = s.uses().stream()
                .filter(ActionUse::denied)
                .filter(d -> s.uses().stream()
                        .noneMatch(u -> !u.denied() && u.action().equalsIgnoreCase(d.action())))
                .count();
        assertThat(p.denied())
                .hasSize((int) s.uses().stream().filter(ActionUse::denied).count());
        for (ActionUse d : p.denied()) {
            if (deniedOnly > 0
                    && s.uses().stream()
                            .noneMatch(u -> !u.denied() && u.action().equalsIgnoreCase(d.action()))) {
                assertThat(p.evaluator().isAllowed(d.action(), d.resource())).isFalse();
            }
        }
        PolicyEvaluator withDenied = new PolicySynthesizer(
                        CATALOG, SynthesisOptions.defaults().withIncludeDenied(true))
                .synthesize(s.target(), s.uses())
                .evaluator();
        s.uses()
                .forEach(u -> assertThat(withDenied.isAllowed(u.action(), u.resource()))
                        .isTrue());
    }

    /**
     * Every catalog action of each used service that was not used, probed on every resource of the scenario and on
     * {@code *}; returns the ones the policy allows (must be none).
     */
    static List<String> unusedActionsAllowed(List<ActionUse> uses, PolicyEvaluator e) {
        Set<String> used = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> services = new TreeSet<>();
        Set<String> probes = new TreeSet<>(List.of("*"));
        uses.stream().filter(u -> !u.denied()).forEach(u -> {
            used.add(u.action());
            services.add(u.service());
            probes.add(u.resource());
        });
        uses.forEach(u -> probes.add(u.resource()));
        List<String> allowed = new ArrayList<>();
        for (String svc : services) {
            for (ActionInfo a : CATALOG.actions(svc)) {
                if (used.contains(a.qualifiedName())) continue;
                for (String r : probes)
                    if (e.isAllowed(a.qualifiedName(), r)) allowed.add(a.qualifiedName() + " on " + r);
            }
        }
        return allowed;
    }

    @Test
    void proofFiguresOverAllScenarios() {
        int observed = 0;
        int observedAllowed = 0;
        int unusedProbed = 0;
        int unusedAllowed = 0;
        Set<String> services = new TreeSet<>();
        for (String name : Scenarios.NAMES) {
            Scenarios.Scenario s = Scenarios.load(name);
            PolicyEvaluator e = synth.synthesize(s.target(), s.uses()).evaluator();
            for (ActionUse u : s.uses()) {
                if (u.denied()) continue;
                observed++;
                if (e.isAllowed(u.action(), u.resource())) observedAllowed++;
                services.add(u.service());
            }
            Set<String> used = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            s.uses().stream().filter(u -> !u.denied()).forEach(u -> used.add(u.action()));
            Set<String> svcs = new TreeSet<>();
            s.uses().forEach(u -> svcs.add(u.service()));
            for (String svc : svcs) {
                for (ActionInfo a : CATALOG.actions(svc)) if (!used.contains(a.qualifiedName())) unusedProbed++;
            }
            unusedAllowed += unusedActionsAllowed(s.uses(), e).size();
        }
        System.out.printf(
                "policy proof: %d scenarios, %d services %s; observed successful calls %d, allowed %d; "
                        + "unused catalog actions probed %d, allowed %d%n",
                Scenarios.NAMES.size(),
                services.size(),
                services,
                observed,
                observedAllowed,
                unusedProbed,
                unusedAllowed);
        assertThat(observedAllowed).isEqualTo(observed);
        assertThat(unusedAllowed).isZero();
    }

    @Test
    void generalizesS3KeysToTheirPrefixOnlyPastTheThreshold() {
        Scenarios.Scenario s = Scenarios.load("s3");
        SynthesizedPolicy p = synth.synthesize(s.target(), s.uses());
        List<String> resources = p.documents().stream()
                .flatMap(d -> d.statements().stream())
                .flatMap(st -> st.resources().stream())
                .toList();
        assertThat(resources)
                .contains(
                        "arn:aws:s3:::acme-orders/logs/2026/11/part-*.gz",
                        "arn:aws:s3:::acme-orders/data/in/order-0.json");
        assertThat(resources).noneMatch(r -> r.startsWith("arn:aws:s3:::acme-orders/logs/2026/11/part-0"));
        assertThat(p.widenings())
                .contains("arn:aws:s3:::acme-orders/logs/2026/11/part-*.gz: 25 distinct keys under"
                        + " arn:aws:s3:::acme-orders/logs/2026/11/ (25 children > s3PrefixThreshold 20)");
        assertThat(p.resourceWidenings())
                .containsExactly(new ResourceWidening(
                        "arn:aws:s3:::acme-orders/logs/2026/11/",
                        "arn:aws:s3:::acme-orders/logs/2026/11/part-*.gz",
                        25,
                        25,
                        ResourceWidening.Reason.THRESHOLD,
                        List.of(
                                "arn:aws:s3:::acme-orders/logs/2026/11/part-000.gz",
                                "arn:aws:s3:::acme-orders/logs/2026/11/part-001.gz",
                                "arn:aws:s3:::acme-orders/logs/2026/11/part-002.gz")));

        PolicySynthesizer exact =
                new PolicySynthesizer(CATALOG, SynthesisOptions.defaults().withS3PrefixThreshold(0));
        assertThat(exact.synthesize(s.target(), s.uses()).documents().get(0).statements().stream()
                        .flatMap(st -> st.resources().stream()))
                .noneMatch(r -> r.contains("*") && !r.equals("*"));
        PolicySynthesizer at25 =
                new PolicySynthesizer(CATALOG, SynthesisOptions.defaults().withS3PrefixThreshold(25));
        assertThat(at25.synthesize(s.target(), s.uses()).resourceWidenings()).isEmpty();
        assertThat(at25.synthesize(s.target(), s.uses()).widenings()).noneMatch(w -> w.contains("distinct keys"));
    }

    @Test
    void neverGeneralizesWiderThanTheBucket() {
        List<ActionUse> uses = new ArrayList<>();
        for (int i = 0; i < 30; i++) uses.add(ActionUse.of("s3:GetObject", "arn:aws:s3:::flat/key-" + i));
        SynthesizedPolicy p = synth.synthesize(PolicyTarget.role("111122223333", "r"), uses);
        assertThat(p.documents().get(0).statements().get(0).resources()).containsExactly("arn:aws:s3:::flat/key-*");
        assertThat(p.evaluator().isAllowed("s3:GetObject", "arn:aws:s3:::flat2/key-1"))
                .isFalse();
        assertThat(p.evaluator().isAllowed("s3:GetObject", "arn:aws:s3:::flat/other"))
                .isFalse();
    }

    @Test
    void namesStatementsFromServiceAccessLevelAndResourceType() {
        Scenarios.Scenario s = Scenarios.load("dynamodb");
        SynthesizedPolicy p = synth.synthesize(s.target(), s.uses());
        assertThat(p.statements())
                .extracting(st -> st.statement().sid())
                .contains("DynamodbReadTable", "DynamodbWriteTable", "DynamodbReadIndex", "DynamodbListAny")
                .doesNotHaveDuplicates()
                .allMatch(sid -> sid.matches("[A-Za-z0-9]+"));
        SynthesizedStatement read = PolicySynthesizer.bySid(p).get("DynamodbReadTable");
        assertThat(read.statement().actions())
                .containsExactly("dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query");
        assertThat(read.evidenceEventIds()).containsExactly("ev-ddb-1", "ev-ddb-3", "ev-ddb-5");
        assertThat(read.calls()).isEqualTo(951);
    }

    @Test
    void numbersStatementsThatShareASidBase() {
        SynthesizedPolicy p = synth.synthesize(
                PolicyTarget.role("111122223333", "r"),
                List.of(
                        ActionUse.of("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:a"),
                        ActionUse.of("sqs:DeleteMessage", "arn:aws:sqs:us-east-1:111122223333:b")));
        assertThat(p.statements())
                .extracting(st -> st.statement().sid())
                .containsExactly("SqsWriteQueue", "SqsWriteQueue2");
        assertThat(unusedActionsAllowed(
                        List.of(
                                ActionUse.of("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:a"),
                                ActionUse.of("sqs:DeleteMessage", "arn:aws:sqs:us-east-1:111122223333:b")),
                        p.evaluator()))
                .isEmpty();
        // SendMessage was not used on b, nor DeleteMessage on a
        assertThat(p.evaluator().isAllowed("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:b"))
                .isFalse();
        assertThat(p.evaluator().isAllowed("sqs:DeleteMessage", "arn:aws:sqs:us-east-1:111122223333:a"))
                .isFalse();
    }

    @Test
    void outputIsIndependentOfInputOrder() {
        for (String name : Scenarios.NAMES) {
            Scenarios.Scenario s = Scenarios.load(name);
            Map<String, String> first = new PolicyRenderer().render(synth.synthesize(s.target(), s.uses()));
            List<ActionUse> shuffled = new ArrayList<>(s.uses());
            Collections.shuffle(shuffled, new Random(42));
            assertThat(new PolicyRenderer().render(synth.synthesize(s.target(), shuffled)))
                    .isEqualTo(first);
        }
    }

    @Test
    void compressesActionsOnlyToWildcardsThatExpandToExactlyTheUsedActions() {
        PolicySynthesizer wild = new PolicySynthesizer(
                CATALOG, SynthesisOptions.defaults().withActionWildcards(ActionWildcards.EXACT_AT_CATALOG_VERSION));
        String key = "arn:aws:kms:us-east-1:111122223333:key/k";
        List<ActionUse> all = CATALOG.expand("kms:GenerateDataKey*").stream()
                .map(a -> ActionUse.of(a.qualifiedName(), key))
                .toList();
        assertThat(all).hasSizeGreaterThan(1);
        SynthesizedPolicy p = wild.synthesize(PolicyTarget.role("111122223333", "r"), all);
        assertThat(p.statements())
                .extracting(st -> st.statement().actions())
                .anySatisfy(actions -> assertThat(actions).contains("kms:GenerateDataKey*"));
        assertThat(unusedActionsAllowed(all, p.evaluator())).isEmpty();

        // one of them missing: kms:GenerateDataKey* is out; a narrower exact pattern may remain
        List<ActionUse> allButOne = all.subList(0, all.size() - 1);
        SynthesizedPolicy q = wild.synthesize(PolicyTarget.role("111122223333", "r"), allButOne);
        assertThat(q.statements())
                .flatExtracting(st -> st.statement().actions())
                .doesNotContain("kms:GenerateDataKey*", "kms:GenerateData*", "kms:Generate*");
        assertThat(unusedActionsAllowed(allButOne, q.evaluator())).isEmpty();

        // never s3:Get* unless every s3:Get* action was used
        List<ActionUse> someGets = List.of(
                ActionUse.of("s3:GetObject", "arn:aws:s3:::b/k"),
                ActionUse.of("s3:GetObjectTagging", "arn:aws:s3:::b/k"),
                ActionUse.of("s3:GetObjectAcl", "arn:aws:s3:::b/k"));
        SynthesizedPolicy r = wild.synthesize(PolicyTarget.role("111122223333", "r"), someGets);
        assertThat(r.statements())
                .flatExtracting(st -> st.statement().actions())
                .noneMatch(a -> a.contains("*"));
    }

    @Test
    void everyCatalogCompressionOfAWholeServiceIsExact() {
        PolicySynthesizer wild = new PolicySynthesizer(
                CATALOG, SynthesisOptions.defaults().withActionWildcards(ActionWildcards.EXACT_AT_CATALOG_VERSION));
        Random rnd = new Random(7);
        for (String svc : List.of("s3", "dynamodb", "sqs", "kms", "secretsmanager", "ssm", "lambda", "eks")) {
            List<ActionInfo> actions = CATALOG.actions(svc);
            for (int round = 0; round < 5; round++) {
                List<ActionUse> uses = new ArrayList<>();
                for (ActionInfo a : actions) if (rnd.nextInt(3) > 0) uses.add(ActionUse.of(a.qualifiedName(), "*"));
                List<String> compressed = wild.compress(
                        uses.stream().map(ActionUse::action).sorted().toList(), new ArrayList<>());
                Set<String> expanded = new TreeSet<>();
                compressed.forEach(p -> CATALOG.expand(p).forEach(x -> expanded.add(x.qualifiedName())));
                assertThat(expanded)
                        .isEqualTo(new TreeSet<>(
                                uses.stream().map(ActionUse::action).toList()));
            }
        }
    }

    @Test
    void splitsIntoSeveralDocumentsUnderTheManagedPolicyLimit() {
        List<ActionUse> uses = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String t = "arn:aws:dynamodb:us-east-1:111122223333:table/tenant-" + String.format("%04d", i);
            uses.add(ActionUse.of("dynamodb:GetItem", t));
            if (i % 3 == 0) uses.add(ActionUse.of("dynamodb:PutItem", t));
        }
        SynthesizedPolicy p = synth.synthesize(PolicyTarget.role("111122223333", "multi-tenant"), uses);
        assertThat(p.documents()).hasSizeGreaterThan(1);
        assertThat(p.documents()).allMatch(d -> d.iamSize() <= SynthesisOptions.MANAGED_POLICY_LIMIT);
        assertThat(p.documents()).allMatch(d -> PolicyDocument.iamSize(d.toJson()) <= 6144);
        uses.forEach(u ->
                assertThat(p.evaluator().isAllowed(u.action(), u.resource())).isTrue());
        assertThat(unusedActionsAllowed(uses, p.evaluator())).isEmpty();
        Set<String> sids = new TreeSet<>();
        p.documents()
                .forEach(d -> d.statements()
                        .forEach(st -> assertThat(sids.add(st.sid())).isTrue()));
        Map<String, String> files = new PolicyRenderer().render(p);
        assertThat(files.keySet())
                .contains(
                        "policies/roles/111122223333/multi-tenant.json",
                        "policies/roles/111122223333/multi-tenant.part2.json",
                        "policies/roles/111122223333/multi-tenant.tf",
                        "policies/roles/111122223333/multi-tenant.cfn.json");
    }

    @Test
    void scopesWildcardOnlyActionsToStarAndKeepsUnknownActionsVerbatim() {
        SynthesizedPolicy p = synth.synthesize(
                PolicyTarget.role("111122223333", "r"),
                List.of(
                        ActionUse.of("sts:GetCallerIdentity", "arn:aws:sts::111122223333:assumed-role/r/s"),
                        ActionUse.of("newsvc:DoThing", "arn:aws:newsvc:us-east-1:111122223333:thing/x")));
        assertThat(p.unknownActions()).containsExactly("newsvc:DoThing");
        assertThat(PolicySynthesizer.bySid(p)).containsKey("StsReadAny");
        assertThat(p.evaluator().isAllowed("newsvc:DoThing", "arn:aws:newsvc:us-east-1:111122223333:thing/x"))
                .isTrue();
    }

    @Test
    void escapesTemplateSequencesInTerraform() {
        assertThat(HclText.string("arn:aws:s3:::b/${aws:username}/*"))
                .isEqualTo("\"arn:aws:s3:::b/$${aws:username}/*\"");
        assertThat(HclText.string("a\"b%{c")).isEqualTo("\"a\\\"b%%{c\"");
    }

    @Test
    void namesFilesAfterTheTarget() {
        assertThat(PolicyTarget.role("111122223333", "app+prod@x").basePath())
                .isEqualTo("policies/roles/111122223333/app+prod@x");
        assertThat(PolicyTarget.user("111122223333", "ci-bot").basePath())
                .isEqualTo("policies/users/111122223333/ci-bot");
        assertThat(PolicyTarget.user("111122223333", "ci-bot").label()).isEqualTo("user 111122223333/ci-bot");
        assertThat(PolicyTarget.user("111122223333", "ci-bot").terraformName()).isEqualTo("user_111122223333_ci_bot");
        assertThat(PolicyTarget.user("111122223333", "ci-bot").logicalId()).isEqualTo("UserCiBotPolicy");
        assertThat(PolicyTarget.workload("prod", "shop", "checkout").basePath())
                .isEqualTo("policies/workloads/prod/shop/checkout");
        assertThat(PolicyTarget.workload("arn:aws:eks:us-east-1:1:cluster/x", "shop", "checkout")
                        .basePath())
                .matches("policies/workloads/arn_aws_eks_us-east-1_1_cluster_x-[0-9a-f]{8}/shop/checkout");
    }
}
