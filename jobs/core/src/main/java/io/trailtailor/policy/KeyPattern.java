package io.trailtailor.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The narrowest simple IAM pattern over a set of S3 keys relative to one prefix. When every key has the same number
 * of {@code /}-separated segments, each segment is kept literally where all keys agree, and otherwise becomes
 * {@code <common prefix>*<common suffix>} with the affixes cut back to a punctuation boundary ({@code part-},
 * {@code .parquet}), so that the pattern names the shape of the keys ({@code *}{@code /part-*.parquet}) rather than
 * an accident of the values seen ({@code job-0*}). Keys of different depths give {@code *}. The pattern matches
 * every key it was built from; as IAM's {@code *} also matches {@code /}, it is an upper bound, always within the
 * prefix.
 */
final class KeyPattern {

    private KeyPattern() {}

    static String of(List<String> keys) {
        if (keys.isEmpty()) return "*";
        List<String[]> split = new ArrayList<>();
        for (String k : keys) split.add(k.split("/", -1));
        int depth = split.get(0).length;
        if (split.stream().anyMatch(s -> s.length != depth)) return "*";
        List<String> segments = new ArrayList<>();
        boolean literal = false;
        for (int i = 0; i < depth; i++) {
            Set<String> values = new TreeSet<>();
            for (String[] s : split) values.add(s[i]);
            String seg = values.size() == 1 ? values.iterator().next() : affixes(values);
            literal |= !seg.equals("*");
            segments.add(seg);
        }
        return literal ? String.join("/", segments) : "*";
    }

    /** {@code prefix*suffix} for values that differ. */
    static String affixes(Set<String> values) {
        String first = values.iterator().next();
        String prefix = first;
        String suffix = first;
        int min = Integer.MAX_VALUE;
        for (String v : values) {
            prefix = commonPrefix(prefix, v);
            suffix = commonSuffix(suffix, v);
            min = Math.min(min, v.length());
        }
        prefix = prefix.substring(0, lastBoundary(prefix));
        suffix = suffix.substring(firstBoundary(suffix));
        if (prefix.length() + suffix.length() > min) suffix = "";
        return prefix + "*" + suffix;
    }

    private static String commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) n++;
        return a.substring(0, n);
    }

    private static String commonSuffix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) n++;
        return a.substring(a.length() - n);
    }

    /** Length of the prefix up to and including its last punctuation character; 0 when it has none. */
    private static int lastBoundary(String s) {
        for (int i = s.length() - 1; i >= 0; i--) if (!Character.isLetterOrDigit(s.charAt(i))) return i + 1;
        return 0;
    }

    /** Index of the suffix's first punctuation character; its length when it has none. */
    private static int firstBoundary(String s) {
        for (int i = 0; i < s.length(); i++) if (!Character.isLetterOrDigit(s.charAt(i))) return i;
        return s.length();
    }
}
