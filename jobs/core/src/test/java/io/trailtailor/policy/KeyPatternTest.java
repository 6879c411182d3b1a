package io.trailtailor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pattern over keys relative to a collapsed prefix, and the bisection that finds the fewest budget steps. */
class KeyPatternTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a1/part-00001.parquet a2/part-00002.parquet | */part-*.parquet",
                "job-17/part-1.parquet job-18/part-2.parquet | job-*/part-*.parquet",
                "part-000.gz part-001.gz part-024.gz | part-*.gz",
                "2026-11-01/x.csv 2026-11-15/x.csv | 2026-11-*/x.csv",
                "2024 2025 | *",
                "a/x.csv b/c/y.csv | *",
                "a.b a.b.b | a.*",
                "dt=2026-01-01/f dt=2026-02-03/f | dt=2026-*/f",
                "x/ x/y | x/*",
                "report.csv report.json | report.*",
            })
    void keepsWhatAllKeysShareUpToAPunctuationBoundary(String keys, String pattern) {
        List<String> list = List.of(keys.split(" "));
        assertThat(KeyPattern.of(list)).isEqualTo(pattern);
        String arnPattern = "arn:aws:s3:::b/p/" + pattern;
        assertThat(list).allMatch(k -> IamWildcards.resourceMatches(arnPattern, "arn:aws:s3:::b/p/" + k));
    }

    @ParameterizedTest(name = "{0} steps, fits from {1}")
    @CsvSource({"10, 1", "10, 7", "10, 10", "1, 1", "37, 20", "10, 11", "0, 1"})
    void findsTheFewestStepsThatFit(int steps, int fitsFrom) {
        int[] builds = {0};
        Optional<Integer> found = PolicyBudget.fewestSteps(
                steps,
                k -> {
                    builds[0]++;
                    return k;
                },
                k -> k >= fitsFrom);
        assertThat(found).isEqualTo(fitsFrom <= steps ? Optional.of(fitsFrom) : Optional.empty());
        assertThat(builds[0]).isLessThanOrEqualTo(1 + (int) Math.ceil(Math.log(Math.max(steps, 1)) / Math.log(2)) + 1);
    }
}
