package io.trailtailor.grants;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.grants.ConditionEvaluator.Result;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionEvaluatorTest {

    static Stream<Arguments> operators() {
        List<String> absent = null;
        return Stream.of(
                Arguments.of("StringEquals", List.of("a:b"), List.of("a:b"), Result.TRUE),
                Arguments.of("StringEquals", List.of("A:b"), List.of("a:b"), Result.FALSE),
                Arguments.of("StringEquals", List.of("web:*"), List.of("web:api"), Result.FALSE),
                Arguments.of("StringEquals", List.of("web:*"), List.of("web:*"), Result.TRUE),
                Arguments.of("StringEqualsIgnoreCase", List.of("A:B"), List.of("a:b"), Result.TRUE),
                Arguments.of("StringLike", List.of("web:*"), List.of("web:api"), Result.TRUE),
                Arguments.of("StringLike", List.of("web:?pi"), List.of("web:api"), Result.TRUE),
                Arguments.of("StringLike", List.of("Web:*"), List.of("web:api"), Result.FALSE),
                Arguments.of("StringNotEquals", List.of("x", "y"), List.of("z"), Result.TRUE),
                Arguments.of("StringNotEquals", List.of("x", "y"), List.of("y"), Result.FALSE),
                Arguments.of("StringNotLike", List.of("web:*"), List.of("batch:x"), Result.TRUE),
                Arguments.of("StringNotEquals", List.of("x"), absent, Result.TRUE),
                Arguments.of("StringEquals", List.of("x"), absent, Result.FALSE),
                Arguments.of("StringEqualsIfExists", List.of("x"), absent, Result.TRUE),
                Arguments.of("StringEqualsIfExists", List.of("x"), List.of("y"), Result.FALSE),
                Arguments.of(
                        "ArnLike",
                        List.of("arn:aws:iam::*:role/ci-*"),
                        List.of("arn:aws:iam::1:role/ci-a"),
                        Result.TRUE),
                Arguments.of(
                        "ArnLike",
                        List.of("arn:aws:iam::*:role/ci-*"),
                        List.of("arn:aws:iam::1:user/ci-a"),
                        Result.FALSE),
                Arguments.of(
                        "ArnEquals",
                        List.of("arn:aws:eks:*:1:cluster/prod"),
                        List.of("arn:aws:eks:eu-west-1:1:cluster/prod"),
                        Result.TRUE),
                Arguments.of("ArnNotLike", List.of("arn:aws:iam::1:*"), List.of("arn:aws:iam::2:role/x"), Result.TRUE),
                Arguments.of("ForAnyValue:StringEquals", List.of("a", "b"), List.of("c", "b"), Result.TRUE),
                Arguments.of("ForAnyValue:StringEquals", List.of("a"), absent, Result.FALSE),
                Arguments.of("ForAllValues:StringEquals", List.of("a", "b"), List.of("a", "b"), Result.TRUE),
                Arguments.of("ForAllValues:StringEquals", List.of("a", "b"), List.of("a", "c"), Result.FALSE),
                Arguments.of("ForAllValues:StringEquals", List.of("a"), absent, Result.TRUE),
                Arguments.of("Null", List.of("true"), absent, Result.TRUE),
                Arguments.of("Null", List.of("true"), List.of("v"), Result.FALSE),
                Arguments.of("Null", List.of("false"), List.of("v"), Result.TRUE),
                Arguments.of("Bool", List.of("true"), List.of("TRUE"), Result.TRUE),
                Arguments.of("Bool", List.of("false"), List.of("true"), Result.FALSE),
                Arguments.of("NumericLessThan", List.of("10"), List.of("3"), Result.TRUE),
                Arguments.of("NumericLessThan", List.of("10"), List.of("30"), Result.FALSE),
                Arguments.of(
                        "DateLessThan",
                        List.of("2026-01-01T00:00:00Z"),
                        List.of("2025-01-01T00:00:00Z"),
                        Result.UNKNOWN),
                Arguments.of("IpAddress", List.of("10.0.0.0/8"), List.of("10.1.2.3"), Result.UNKNOWN));
    }

    @ParameterizedTest(name = "{0} {1} on {2} is {3}")
    @MethodSource("operators")
    void eachOperatorFollowsTheIamRules(String op, List<String> policy, List<String> request, Result expected) {
        assertThat(ConditionEvaluator.evaluate(op, policy, request)).isEqualTo(expected);
    }

    @Test
    void keyNamesAreCaseInsensitiveButValuesAreNot() {
        Map<String, Map<String, List<String>>> cond =
                Map.of("StringEquals", Map.of("AWS:SourceAccount", List.of("111122223333")));
        assertThat(ConditionEvaluator.evaluate(cond, Map.of("aws:sourceaccount", List.of("111122223333"))))
                .isEqualTo(Result.TRUE);
        Map<String, Map<String, List<String>>> tag =
                Map.of("StringEquals", Map.of("aws:RequestTag/team", List.of("Web")));
        assertThat(ConditionEvaluator.evaluate(tag, Map.of("aws:requesttag/TEAM", List.of("web"))))
                .isEqualTo(Result.FALSE);
    }

    @Test
    void allOperatorsAndKeysMustHold() {
        Map<String, Map<String, List<String>>> cond = Map.of(
                "StringEquals", Map.of("k1", List.of("a"), "k2", List.of("b")),
                "StringLike", Map.of("k3", List.of("c*")));
        assertThat(ConditionEvaluator.evaluate(
                        cond, Map.of("k1", List.of("a"), "k2", List.of("b"), "k3", List.of("cc"))))
                .isEqualTo(Result.TRUE);
        assertThat(ConditionEvaluator.evaluate(
                        cond, Map.of("k1", List.of("a"), "k2", List.of("b"), "k3", List.of("d"))))
                .isEqualTo(Result.FALSE);
    }
}
