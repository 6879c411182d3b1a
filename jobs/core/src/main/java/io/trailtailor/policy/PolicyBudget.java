package io.trailtailor.policy;

import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The fewest widening steps after which a policy fits its budget. Steps come narrowest first and each one only
 * replaces written resources by fewer, so the policy shrinks as steps are added and the first fitting count is
 * found by bisection: {@code O(log steps)} syntheses instead of one per step. Whatever the answer, it was built and
 * checked, so it fits.
 */
final class PolicyBudget {

    private PolicyBudget() {}

    /**
     * The policy built with the fewest of {@code steps} steps (1 or more) that fits, or empty when even all of them
     * do not. The caller has seen that 0 steps do not fit.
     */
    static <T> Optional<T> fewestSteps(int steps, IntFunction<T> build, Predicate<T> fits) {
        if (steps == 0) return Optional.empty();
        T all = build.apply(steps);
        if (!fits.test(all)) return Optional.empty();
        int lo = 1;
        int hi = steps;
        T best = all;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            T candidate = build.apply(mid);
            if (fits.test(candidate)) {
                hi = mid;
                best = candidate;
            } else {
                lo = mid + 1;
            }
        }
        return Optional.of(best);
    }
}
