package io.trailtailor.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.policy.PolicyTarget;
import io.trailtailor.rbac.RbacPrincipal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathSegmentTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "checkout | checkout",
                "app+prod@x=1,2 | app+prod@x=1,2",
                "a/b | a_b-",
                ". | _-",
                ".. | __-",
                ".hidden | _hidden-",
                "trailing. | trailing_-",
                "a..b | a._b-",
                "a...b | a._.b-",
                "ünïcode | _n_code-",
                "sp ace | sp_ace-"
            })
    void keepsTheSafeAlphabetAndHashesAnyChange(String name, String expectedStart) {
        String segment = PathSegment.of(name);

        assertThat(PathSegment.isSafe(segment)).isTrue();
        if (expectedStart.endsWith("-")) {
            assertThat(segment).startsWith(expectedStart).hasSize(expectedStart.length() + 8);
        } else {
            assertThat(segment).isEqualTo(expectedStart);
        }
    }

    @Test
    void anEmptyOrMissingNameIsAnUnderscore() {
        assertThat(PathSegment.of("")).isEqualTo("_");
        assertThat(PathSegment.of(null)).isEqualTo("_");
    }

    @Test
    void capsLongNamesAtOneHundredBytesAndKeepsThemApart() {
        String a = "r".repeat(299) + "a";
        String b = "r".repeat(299) + "b";

        assertThat(PathSegment.of(a)).hasSize(PathSegment.MAX_BYTES).startsWith("r".repeat(91) + "-");
        assertThat(PathSegment.of(a)).isNotEqualTo(PathSegment.of(b));
        assertThat(PathSegment.of("r".repeat(100))).isEqualTo("r".repeat(100));
        assertThat(PathSegment.of("r".repeat(101))).hasSize(100);
    }

    @Test
    void aLongRoleNameAndALongServiceAccountGiveValidDistinctFileNames() {
        String longRole = "role-" + "x".repeat(295);
        String otherLongRole = "role-" + "x".repeat(294) + "y";
        String longServiceAccount = "sa-" + "y".repeat(247);
        List<String> paths = Stream.of(
                        PolicyTarget.role("111122223333", longRole).basePath() + ".cfn.json",
                        PolicyTarget.role("111122223333", otherLongRole).basePath() + ".cfn.json",
                        PolicyTarget.workload("prod", "shop", longServiceAccount)
                                        .basePath() + ".cfn.json",
                        rbacPath("system:serviceaccount:shop:" + longServiceAccount),
                        rbacPath("arn:aws:iam::111122223333:role/" + longRole),
                        rbacPath("arn:aws:iam::111122223333:role/" + otherLongRole))
                .toList();

        assertThat(paths).doesNotHaveDuplicates();
        for (String path : paths) {
            for (String name : path.split("/")) {
                assertThat(name.getBytes(StandardCharsets.UTF_8).length)
                        .as(path)
                        .isLessThanOrEqualTo(PathSegment.MAX_BYTES + ".cfn.json".length());
                assertThat(name)
                        .matches("[A-Za-z0-9._@+=,-]+")
                        .doesNotStartWith(".")
                        .doesNotContain("..");
            }
        }
    }

    private static String rbacPath(String principal) {
        return "rbac/prod/" + RbacPrincipal.parse(principal).fileBase() + ".yaml";
    }
}
