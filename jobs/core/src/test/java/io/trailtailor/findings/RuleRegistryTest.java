package io.trailtailor.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The registry against the contract. Only {@code findings.iam} classes are loaded here: the other packages are
 * written in parallel, and integration widens this test to every entry.
 */
class RuleRegistryTest {

    /** The team's contract file, outside the repository; the check is skipped where it is absent. */
    private static final Path CONTRACT = Path.of("/work/shared/FINDINGS.md");

    @Test
    void everyIamEntryNamesAClassThatExistsAndAgreesOnItsId() throws Exception {
        List<RuleRegistry.Described> iam = RuleRegistry.described().stream()
                .filter(d -> d.implementation().startsWith("io.trailtailor.findings.iam."))
                .toList();
        assertThat(iam).hasSize(13);
        for (RuleRegistry.Described d : iam) {
            Rule rule = (Rule)
                    Class.forName(d.implementation()).getDeclaredConstructor().newInstance();
            assertThat(rule.id()).as(d.implementation()).isEqualTo(d.info().rule());
        }
    }

    @Test
    void idsAndTypesMatchTheFindingsCatalog() throws Exception {
        Map<String, String> contract = new LinkedHashMap<>();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(CONTRACT), "FINDINGS.md not on this machine");
        Path file = CONTRACT;
        Matcher m = Pattern.compile("^\\| (TT-[A-Z]+-\\d{3}) \\| ([A-Z_]+) \\|", Pattern.MULTILINE)
                .matcher(Files.readString(file));
        while (m.find()) contract.put(m.group(1), m.group(2));
        Map<String, String> registry = new LinkedHashMap<>();
        RuleRegistry.loadInfos().forEach(i -> registry.put(i.rule(), i.type()));
        assertThat(registry).isEqualTo(contract);
    }
}
