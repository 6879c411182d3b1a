package io.trailtailor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ArnTemplate#matches}, a char scan, answers as its regex would, for every template of the catalog. */
class ArnTemplateTest {

    private static final IamCatalog CATALOG = IamCatalog.loadDefault();

    private static List<String> allTemplates() {
        List<String> out = new ArrayList<>();
        for (String prefix : CATALOG.servicePrefixes()) {
            for (String name : CATALOG.service(prefix).orElseThrow().resourceTypeNames()) {
                out.addAll(CATALOG.resourceType(prefix, name).orElseThrow().arnTemplates());
            }
        }
        return out;
    }

    /** Renders that are and are not instances: odd partitions, empty and colon-spanning parts, line breaks. */
    private static List<String> samples(ArnTemplate t) {
        List<String> out = new ArrayList<>();
        String[] partitions = {"aws", "aws-cn", "aws-iso-b", "aws-", "aws--x", "AWS", "awsx", "aws-us-gov", ""};
        String[] segments = {"eu-west-1", "", "a:b", "111122223333"};
        String[] names = {"x", "a/b", "a:b", "", "a\nb", "a\u2028", "*", "x/y/z:1"};
        int i = 0;
        for (String p : partitions) {
            for (String s : segments) {
                String n = names[i++ % names.length];
                Map<String, String> values = new HashMap<>();
                for (String v : t.variables()) {
                    values.put(
                            v,
                            switch (v) {
                                case "Partition" -> p;
                                case "Region", "Account" -> s;
                                default -> n;
                            });
                }
                String arn = t.render(values, "*");
                out.add(arn);
                out.add(arn + ":x");
                out.add(arn + "/x");
                out.add(arn.isEmpty() ? arn : arn.substring(0, arn.length() - 1));
                out.add(arn.replaceFirst("/", "::/"));
            }
        }
        return out;
    }

    @Test
    void matchesExactlyWhatItsRegexMatchesForEveryCatalogTemplate() {
        List<String> templates = allTemplates();
        List<String> mismatches = new ArrayList<>();
        int matched = 0;
        int checked = 0;
        for (int i = 0; i < templates.size(); i++) {
            ArnTemplate t = ArnTemplate.of(templates.get(i));
            List<String> arns = samples(t);
            // neighbours are mostly the same service: near misses between sibling types
            for (int j = Math.max(0, i - 3); j < Math.min(templates.size(), i + 4); j++) {
                arns.addAll(samples(ArnTemplate.of(templates.get(j))).subList(0, 8));
            }
            for (String arn : arns) {
                boolean expected = t.pattern().matcher(arn).matches();
                checked++;
                if (expected) {
                    matched++;
                }
                if (t.matches(arn) != expected) {
                    mismatches.add(t.template() + " vs " + arn + ": regex says " + expected);
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(templates).hasSizeGreaterThan(2000);
        // both answers occur often: the samples are not all of one kind
        assertThat(matched).isGreaterThan(templates.size() * 5);
        assertThat(checked - matched).isGreaterThan(templates.size() * 20);
    }

    @Test
    void rendersEveryVariableAndLeavesMissingOnesAsTheMissingValue() {
        ArnTemplate t =
                ArnTemplate.of("arn:${Partition}:eks:${Region}:${Account}:addon/${ClusterName}/${AddonName}/${UUID}");
        String arn = t.render(
                Map.of(
                        "Partition",
                        "aws",
                        "Region",
                        "eu-west-1",
                        "Account",
                        "1",
                        "ClusterName",
                        "c$1\\",
                        "AddonName",
                        "a"),
                "*");
        assertThat(arn).isEqualTo("arn:aws:eks:eu-west-1:1:addon/c$1\\/a/*");
        assertThat(t.matches(arn)).isTrue();
        assertThat(t.matches("arn:aws:eks:eu-west-1:1:addon/c/a")).isFalse();
        assertThat(t.literalLength()).isEqualTo("arn::eks:::addon///".length());
    }
}
