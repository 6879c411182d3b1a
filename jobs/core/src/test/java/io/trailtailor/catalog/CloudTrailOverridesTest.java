package io.trailtailor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The curated overrides file must stay consistent with the catalog it is used with. */
class CloudTrailOverridesTest {

    private static final IamCatalog CATALOG = IamCatalog.loadDefault();
    private static final MappingOverrides OVERRIDES = MappingOverrides.loadDefault();

    @Test
    void everyActionTheOverridesNameExistsInTheCatalog() {
        assertThat(OVERRIDES.referencedActions())
                .hasSizeGreaterThan(50)
                .allSatisfy(a -> assertThat(CATALOG.exists(a)).as(a).isTrue());
        // and is spelled canonically, so policies come out in AWS's spelling
        assertThat(OVERRIDES.referencedActions())
                .allSatisfy(a -> assertThat(CATALOG.action(a).orElseThrow().qualifiedName())
                        .isEqualTo(a));
    }

    @Test
    void everyEventSourcePrefixMapsToACatalogServiceThatTheHostLabelIsNot() {
        assertThat(OVERRIDES.eventSourcePrefixes()).containsEntry("monitoring", "cloudwatch");
        OVERRIDES.eventSourcePrefixes().forEach((host, prefix) -> {
            assertThat(CATALOG.servicePrefixes()).as(host).contains(prefix);
            assertThat(CATALOG.servicePrefixes()).as("redundant entry " + host).doesNotContain(host);
        });
    }

    @Test
    void everyEventKeyNamesACatalogServicePrefix() {
        assertThat(OVERRIDES.referencedEventKeys())
                .allSatisfy(key ->
                        assertThat(CATALOG.servicePrefixes()).as(key).contains(key.substring(0, key.indexOf(':'))));
    }

    @Test
    void operationOverridesNeverShadowAnActionOfTheSameName() {
        // an override keyed on an existing action would silently replace the default rule for it
        List<String> shadowing = new ArrayList<>();
        for (String key : OVERRIDES.referencedEventKeys()) {
            if (OVERRIDES.operation(key).isPresent() && CATALOG.exists(key)) {
                shadowing.add(key);
            }
        }
        assertThat(shadowing).isEmpty();
    }

    @Test
    void everyResourceTypeAndBoundVariableExistsInTheCatalog() throws Exception {
        assertThat(OVERRIDES.referencedResourceTypes()).allSatisfy(rt -> {
            String[] parts = rt.split(":", 2);
            assertThat(CATALOG.resourceType(parts[0], parts[1])).as(rt).isPresent();
        });
        JsonNode root;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MappingOverrides.DEFAULT_RESOURCE)) {
            root = CloudTrailRecords.JSON.readTree(in);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        root.path("resourceBindings").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            if (service.getKey().startsWith("_")) {
                continue;
            }
            Set<String> variables = new java.util.HashSet<>();
            CATALOG.service(service.getKey())
                    .orElseThrow()
                    .resourceTypeNames()
                    .forEach(name -> variables.addAll(CATALOG.resourceType(service.getKey(), name)
                            .orElseThrow()
                            .variables()));
            service.getValue()
                    .fieldNames()
                    .forEachRemaining(v -> assertThat(variables)
                            .as(service.getKey() + " binds " + v)
                            .contains(v));
        }
        OVERRIDES.tagOnCreateRules().stream()
                .filter(r -> r.resourceType() != null)
                .forEach(
                        r -> assertThat(CATALOG.action(r.action()).orElseThrow().resource(r.resourceType()))
                                .as(r.action())
                                .isPresent());
    }

    @Test
    void everyTransformTheFileNamesIsImplemented() throws Exception {
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MappingOverrides.DEFAULT_RESOURCE)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        var m = java.util.regex.Pattern.compile("\"transform\":\\s*\"([^\"]+)\"")
                .matcher(text);
        int count = 0;
        while (m.find()) {
            String transform = m.group(1);
            assertThatCode(() -> RequestValues.transform(transform, "x"))
                    .as(transform)
                    .doesNotThrowAnyException();
            count++;
        }
        assertThat(count).isGreaterThan(10);
    }

    @Test
    void stripsLambdaAndCloudFrontVersionSuffixesOnly() {
        assertThat(OVERRIDES.stripVersionSuffix("UpdateFunctionCode20150331v2")).contains("UpdateFunctionCode");
        assertThat(OVERRIDES.stripVersionSuffix("Invoke20150331")).contains("Invoke");
        assertThat(OVERRIDES.stripVersionSuffix("GetFunction20150331v2")).contains("GetFunction");
        assertThat(OVERRIDES.stripVersionSuffix("UpdateDistribution2014_01_31")).contains("UpdateDistribution");
        assertThat(OVERRIDES.stripVersionSuffix("ListObjectsV2")).isEmpty();
        assertThat(OVERRIDES.stripVersionSuffix("GetObject")).isEmpty();
        assertThat(OVERRIDES.stripVersionSuffix("CreateVpcEndpointServiceConfiguration"))
                .isEmpty();
    }

    @Test
    void theEksAddOnTagOnCreateRuleCarriesTheUnscopedCreateAddonArn() {
        MappingOverrides.TagOnCreateRule addon = OVERRIDES.tagOnCreateRules().stream()
                .filter(r -> r.events().contains("eks:createaddon"))
                .findFirst()
                .orElseThrow();
        assertThat(addon.action()).isEqualTo("eks:TagResource");
        assertThat(addon.resourceType()).isEqualTo("addon");
        assertThat(addon.arns()).containsExactly("arn:${Partition}:eks:${Region}:${Account}:/createaddon");
        // it is deliberately not a catalog resource type: documented in the file and in the mapper
        assertThat(CATALOG.resourceTypesForArn("arn:aws:eks:eu-west-1:111122223333:/createaddon"))
                .isEmpty();
    }
}
