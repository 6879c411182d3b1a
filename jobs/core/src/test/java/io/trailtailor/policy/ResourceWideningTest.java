package io.trailtailor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.catalog.IamCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generalizing S3 keys over the key tree and widening to fit one document: every observed call stays allowed,
 * nothing outside the prefixes used is granted, every widening is reported in the sidecar, and a policy that no
 * sound widening makes fit stays split and is reported over budget.
 */
class ResourceWideningTest {

    static final IamCatalog CATALOG = IamCatalog.loadDefault();
    static final PolicySynthesizer SYNTH = new PolicySynthesizer(CATALOG, SynthesisOptions.defaults());
    static final PolicyTarget TARGET = PolicyTarget.role("111122223333", "etl");
    static final ObjectMapper JSON = new ObjectMapper();

    /** One workload: its uses, requests that must be denied, and whether it cannot fit one document. */
    record Case(String name, List<ActionUse> uses, List<String> deniedProbes, boolean overBudget) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String job(int i) {
        return UUID.nameUUIDFromBytes(("job-" + i).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** 150 job ids, 10 parts each: every prefix has at most 150 children, none of them more than 20 objects. */
    static List<ActionUse> jobs() {
        List<ActionUse> uses = new ArrayList<>();
        for (int j = 0; j < 150; j++) {
            for (int p = 0; p < 10; p++) {
                String key = "input/" + job(j) + "/part-" + String.format("%05d", p) + ".parquet";
                uses.add(ActionUse.of("s3:GetObject", "arn:aws:s3:::lake/" + key));
            }
        }
        uses.add(ActionUse.of("s3:ListBucket", "arn:aws:s3:::lake"));
        return uses;
    }

    /** 12 tenants × 15 days × 18 files: 3,240 objects over 193 prefixes, none with more than 18 children. */
    static List<ActionUse> tenants() {
        List<ActionUse> uses = new ArrayList<>();
        for (int t = 1; t <= 12; t++) {
            for (int d = 1; d <= 15; d++) {
                for (int f = 1; f <= 18; f++) {
                    String key = String.format("tenants/t-%02d/2026-11-%02d/file-%02d.csv", t, d, f);
                    uses.add(ActionUse.of("s3:GetObject", "arn:aws:s3:::bkt/" + key));
                }
            }
        }
        return uses;
    }

    /** 400 DynamoDB tables: nothing S3 could collapse. */
    static List<ActionUse> tables() {
        List<ActionUse> uses = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            uses.add(ActionUse.of(
                    "dynamodb:GetItem",
                    "arn:aws:dynamodb:us-east-1:111122223333:table/tenant-" + String.format("%04d", i)));
        }
        return uses;
    }

    /** 250 buckets with one object each: a collapse never crosses a bucket, so nothing can collapse. */
    static List<ActionUse> buckets() {
        List<ActionUse> uses = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            uses.add(ActionUse.of("s3:GetObject", "arn:aws:s3:::bucket-" + String.format("%03d", i) + "/data.json"));
        }
        return uses;
    }

    static Stream<Case> cases() {
        String j0 = job(0);
        return Stream.of(
                new Case(
                        "150 job ids",
                        jobs(),
                        List.of(
                                "arn:aws:s3:::lake/output/" + j0 + "/part-00000.parquet",
                                "arn:aws:s3:::lake/input/" + j0 + "/_SUCCESS",
                                "arn:aws:s3:::lake/inputs/" + j0 + "/part-00000.parquet",
                                "arn:aws:s3:::lake/secret.txt",
                                "arn:aws:s3:::lake2/input/" + j0 + "/part-00000.parquet"),
                        false),
                new Case(
                        "3240 objects over 193 prefixes",
                        tenants(),
                        List.of(
                                "arn:aws:s3:::bkt/tenants/t-99/2026-11-01/file-01.csv",
                                "arn:aws:s3:::bkt/tenants/t-12/2026-12-01/file-01.csv",
                                "arn:aws:s3:::bkt/tenants/t-01/2026-11-01/notes.txt",
                                "arn:aws:s3:::bkt/archive/t-01/2026-11-01/file-01.csv",
                                "arn:aws:s3:::bkt2/tenants/t-01/2026-11-01/file-01.csv"),
                        false),
                new Case("400 tables", tables(), List.of("arn:aws:dynamodb:us-east-1:111122223333:table/other"), true),
                new Case(
                        "250 buckets",
                        buckets(),
                        List.of("arn:aws:s3:::bucket-000/other.json", "arn:aws:s3:::bucket-999/data.json"),
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void allowsEveryObservedCallAndNothingOutsideThePrefixesUsed(Case c) {
        SynthesizedPolicy p = SYNTH.synthesize(TARGET, c.uses());
        PolicyEvaluator e = p.evaluator();
        for (ActionUse u : c.uses())
            assertThat(e.isAllowed(u.action(), u.resource())).isTrue();
        for (String probe : c.deniedProbes()) {
            String action = probe.contains(":dynamodb:") ? "dynamodb:GetItem" : "s3:GetObject";
            assertThat(e.isAllowed(action, probe)).as(probe).isFalse();
        }
        assertThat(p.documents().size() > 1).isEqualTo(c.overBudget());
        assertThat(p.documents()).allMatch(d -> d.iamSize() <= SynthesisOptions.MANAGED_POLICY_LIMIT);
        assertThat(p.overBudget()).isEqualTo(c.overBudget());
        printFigures(c, p);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsEveryWideningInTheSidecar(Case c) throws Exception {
        SynthesizedPolicy p = SYNTH.synthesize(TARGET, c.uses());
        Map<String, String> files = new PolicyRenderer().render(p);
        JsonNode sidecar = JSON.readTree(files.get("policies/roles/111122223333/etl.widening.json"));
        assertThat(sidecar.path("overBudget").asBoolean()).isEqualTo(c.overBudget());
        assertThat(sidecar.path("documents").asInt()).isEqualTo(p.documents().size());
        assertThat(sidecar.path("widenings")).hasSize(p.resourceWidenings().size());
        // each widening names a pattern that is written, and every pattern written is a reported widening
        List<String> written = p.documents().stream()
                .flatMap(d -> d.statements().stream())
                .flatMap(s -> s.resources().stream())
                .filter(r -> r.startsWith("arn:aws:s3:::") && r.contains("*"))
                .distinct()
                .sorted()
                .toList();
        List<String> reported = new ArrayList<>();
        sidecar.path("widenings").forEach(w -> reported.add(w.path("into").asText()));
        assertThat(reported).isEqualTo(written);
        int covered = 0;
        for (JsonNode w : sidecar.path("widenings"))
            covered += w.path("observedArns").asInt();
        long s3Objects = c.uses().stream()
                .filter(u ->
                        u.resource().startsWith("arn:aws:s3:::") && u.resource().contains("/"))
                .count();
        assertThat(covered).isEqualTo(written.isEmpty() ? 0 : s3Objects);
    }

    @Test
    void collapsesOneThresholdPrefixToTheShapeOfItsKeys() {
        SynthesizedPolicy p = SYNTH.synthesize(TARGET, jobs());
        assertThat(p.documents().get(0).statements())
                .extracting(PolicyStatement::resources)
                .containsExactly(List.of("arn:aws:s3:::lake"), List.of("arn:aws:s3:::lake/input/*/part-*.parquet"));
        assertThat(p.resourceWidenings()).hasSize(1);
        ResourceWidening w = p.resourceWidenings().get(0);
        assertThat(w.prefix()).isEqualTo("arn:aws:s3:::lake/input/");
        assertThat(w.observedArns()).isEqualTo(1500);
        assertThat(w.children()).isEqualTo(150);
        assertThat(w.reason()).isEqualTo(ResourceWidening.Reason.THRESHOLD);
    }

    @Test
    void widensForTheBudgetNarrowestFirstAndOnlyAsFarAsNeeded() {
        SynthesizedPolicy p = SYNTH.synthesize(TARGET, tenants());
        List<String> resources = p.documents().get(0).statements().get(0).resources();
        List<String> perTenant = resources.stream()
                .filter(r -> r.matches("arn:aws:s3:::bkt/tenants/t-\\d\\d/2026-11-\\*/file-\\*\\.csv"))
                .toList();
        List<String> perDay = resources.stream()
                .filter(r -> r.matches("arn:aws:s3:::bkt/tenants/t-\\d\\d/2026-11-\\d\\d/file-\\*\\.csv"))
                .toList();
        // every day prefix collapsed first, then as few tenant prefixes as make it fit; tenants/ itself stays
        assertThat(perTenant.size() + perDay.size()).isEqualTo(resources.size());
        assertThat(perTenant).isNotEmpty().hasSizeLessThan(12);
        assertThat(perDay).hasSize((12 - perTenant.size()) * 15);
        assertThat(p.resourceWidenings()).allMatch(w -> w.reason() == ResourceWidening.Reason.BUDGET);
        assertThat(p.widenings()).anyMatch(w -> w.endsWith("(collapsed to fit one document of 6144 characters)"));
        // one tenant prefix fewer and it would not fit
        int size = p.documents().get(0).iamSize();
        int oneFewer =
                size - perTenant.get(0).length() - 3 + 15 * (perDay.get(0).length() + 3);
        assertThat(size).isLessThanOrEqualTo(SynthesisOptions.MANAGED_POLICY_LIMIT);
        assertThat(oneFewer).isGreaterThan(SynthesisOptions.MANAGED_POLICY_LIMIT);
    }

    @Test
    void keepsThePolicySplitAsBeforeWhenNoWideningMakesItFit() {
        for (List<ActionUse> uses : List.of(tables(), buckets())) {
            SynthesizedPolicy p = SYNTH.synthesize(TARGET, uses);
            SynthesizedPolicy unwidened = new PolicySynthesizer(
                            CATALOG, SynthesisOptions.defaults().withWidenToFit(false))
                    .synthesize(TARGET, uses);
            assertThat(p.documents()).isEqualTo(unwidened.documents());
            assertThat(p.resourceWidenings()).isEmpty();
            assertThat(p.overBudget()).isTrue();
        }
    }

    @Test
    void policiesThatNeedNoWideningGetNoSidecar() {
        for (String name : Scenarios.NAMES) {
            if (name.equals("s3")) continue;
            Scenarios.Scenario s = Scenarios.load(name);
            SynthesizedPolicy p = SYNTH.synthesize(s.target(), s.uses());
            assertThat(p.resourceWidenings()).as(name).isEmpty();
            assertThat(p.overBudget()).as(name).isFalse();
            assertThat(new PolicyRenderer().render(p).keySet())
                    .as(name)
                    .noneMatch(f -> f.endsWith(WideningReport.SUFFIX))
                    .hasSize(3);
        }
    }

    @Test
    void wideningToFitCanBeTurnedOffAndNeverAppliesWithoutAThreshold() {
        for (SynthesisOptions o : List.of(
                SynthesisOptions.defaults().withWidenToFit(false),
                SynthesisOptions.defaults().withS3PrefixThreshold(0))) {
            SynthesizedPolicy p = new PolicySynthesizer(CATALOG, o).synthesize(TARGET, tenants());
            assertThat(p.resourceWidenings()).isEmpty();
            assertThat(p.overBudget()).isTrue();
            assertThat(p.documents()).hasSizeGreaterThan(20);
        }
    }

    /** Before: every ARN listed (today's output for these inputs: no single prefix passes 20 keys). */
    private static void printFigures(Case c, SynthesizedPolicy after) {
        SynthesizedPolicy before = new PolicySynthesizer(
                        CATALOG, SynthesisOptions.defaults().withS3PrefixThreshold(0))
                .synthesize(TARGET, c.uses());
        System.out.printf(
                "widening %s: before %d documents, %d characters, %d resources listed; after %d, %d, %d%n",
                c.name(),
                before.documents().size(),
                chars(before),
                listed(before),
                after.documents().size(),
                chars(after),
                listed(after));
    }

    private static int chars(SynthesizedPolicy p) {
        return p.documents().stream().mapToInt(PolicyDocument::iamSize).sum();
    }

    private static int listed(SynthesizedPolicy p) {
        return p.documents().stream()
                .flatMap(d -> d.statements().stream())
                .mapToInt(s -> s.resources().size())
                .sum();
    }
}
