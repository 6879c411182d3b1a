package io.trailtailor.catalog.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailtailor.catalog.AccessLevel;
import io.trailtailor.catalog.ActionInfo;
import io.trailtailor.catalog.ActionResource;
import io.trailtailor.catalog.IamCatalog;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator on a two-service miniature of the iam-data package layout. */
class CatalogRefreshTest {

    private static final Path MINI = Path.of("src/test/resources/fixtures/catalog/iam-data-mini");

    private static CatalogRefresh.Result generate() throws Exception {
        return CatalogRefresh.generate(
                MINI.resolve("package"), "abc123", "2026-11-22", MINI.resolve("legacy"), "def456");
    }

    @Test
    void writesTheSameBytesForTheSameInput() throws Exception {
        assertThat(generate().gzip()).isEqualTo(generate().gzip());
    }

    @Test
    void producesACatalogTheLoaderReadsBackWithItsStamp() throws Exception {
        CatalogRefresh.Result result = generate();
        IamCatalog catalog = IamCatalog.load(new ByteArrayInputStream(result.gzip()));

        assertThat(catalog.stamp().sourceVersion()).isEqualTo("0.0.1");
        assertThat(catalog.stamp().sourceSha256()).isEqualTo("abc123");
        assertThat(catalog.stamp().generatedOn()).isEqualTo("2026-11-22");
        assertThat(catalog.stamp().dependentActionsSource()).isEqualTo("0.0.0");
        assertThat(List.of(
                        catalog.stamp().services(),
                        catalog.stamp().actions(),
                        catalog.stamp().resourceTypes(),
                        catalog.stamp().conditionKeys(),
                        catalog.stamp().globalConditionKeys(),
                        catalog.stamp().actionsWithDependentActions()))
                .containsExactly(2, 4, 1, 1, 2, 1);
        assertThat(result.properties()).contains("actions=4\n", "sourceSha256=abc123\n", "license=MIT\n");
        assertThat(catalog.service("demo").orElseThrow().name()).isEqualTo("Demo Service");
    }

    @Test
    void canonicalisesResourceTypeNamesAndSortsConditionKeys() throws Exception {
        IamCatalog catalog = IamCatalog.load(new ByteArrayInputStream(generate().gzip()));
        ActionInfo create = catalog.action("demo:creatething").orElseThrow();
        assertThat(create.resourceTypes()).containsExactly(new ActionResource("Thing", true, List.of("demo:Size")));
        assertThat(create.conditionKeys()).containsExactly("aws:RequestTag/${TagKey}", "aws:TagKeys");
        assertThat(catalog.action("demo:TagThing").orElseThrow().resourceTypes())
                .containsExactly(new ActionResource("Thing", false, List.of()));
        assertThat(catalog.action("demo:TagThing").orElseThrow().accessLevels())
                .containsExactlyInAnyOrder(AccessLevel.TAGGING, AccessLevel.WRITE);
        assertThat(catalog.conditionKey("aws:sourceip").orElseThrow().type()).isEqualTo("IPAddress");
    }

    @Test
    void mergesLegacyDependentActionsInCanonicalCaseAndDropsRetiredOnes() throws Exception {
        IamCatalog catalog = IamCatalog.load(new ByteArrayInputStream(generate().gzip()));
        assertThat(catalog.action("demo:CreateThing").orElseThrow().dependentActions())
                .containsExactly("demo:TagThing", "other:GetOther");
    }

    @Test
    void refusesAnAccessLevelItHasNotSeenBefore(@TempDir Path tmp) throws Exception {
        Path pkg = tmp.resolve("package");
        copyTree(MINI.resolve("package"), pkg);
        Path actions = pkg.resolve("data/actions/other.json");
        Files.writeString(actions, Files.readString(actions).replace("\"Read\"", "\"Read, Observe\""));
        assertThatThrownBy(() -> CatalogRefresh.generate(pkg, "x", "2026-11-22", null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Read, Observe");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
