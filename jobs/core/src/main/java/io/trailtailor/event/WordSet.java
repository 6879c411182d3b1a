package io.trailtailor.event;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of up to 64 lower-case ASCII words, and which of them a text holds, found in one pass over the text
 * with ASCII letters compared case-insensitively. This replaces lower-casing every string of a record and testing
 * each word with {@code contains}, which cost a copy and a scan per word.
 *
 * <p>Only ASCII is folded: callers use the result to skip patterns that can only match where an ASCII word is, so a
 * non-ASCII character that lower-cases to an ASCII letter (the Kelvin sign) never makes such a pattern match.
 */
final class WordSet {

    private final String[] words;

    /** For each ASCII character, the indexes of the words that start with it (lower case), or null. */
    private final int[][] byFirstChar = new int[128][];

    WordSet(List<String> words) {
        if (words.size() > Long.SIZE) {
            throw new IllegalArgumentException("at most 64 words");
        }
        this.words = words.toArray(new String[0]);
        List<List<Integer>> starts = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            starts.add(new ArrayList<>());
        }
        for (int i = 0; i < this.words.length; i++) {
            String w = this.words[i];
            if (w.isEmpty() || !w.chars().allMatch(c -> c < 128 && fold(c) == c)) {
                throw new IllegalArgumentException("not a lower-case ASCII word: " + w);
            }
            starts.get(w.charAt(0)).add(i);
        }
        for (int c = 0; c < 128; c++) {
            List<Integer> s = starts.get(c);
            if (!s.isEmpty()) {
                byFirstChar[c] = s.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    /** The bit of word {@code i} in what {@link #find} returns. */
    static long bit(int i) {
        return 1L << i;
    }

    /** The bits of {@code subset}'s words, each of which must be in this set. */
    long bits(List<String> subset) {
        long bits = 0;
        for (String w : subset) {
            int i = List.of(words).indexOf(w);
            if (i < 0) {
                throw new IllegalArgumentException("not in the set: " + w);
            }
            bits |= bit(i);
        }
        return bits;
    }

    /** Bit {@code i} set when {@code text} holds word {@code i}, ASCII letters in any case. */
    long find(CharSequence text) {
        long found = 0;
        int n = text.length();
        for (int at = 0; at < n; at++) {
            char c = text.charAt(at);
            if (c >= 128) {
                continue;
            }
            int[] candidates = byFirstChar[fold(c)];
            if (candidates == null) {
                continue;
            }
            for (int i : candidates) {
                if ((found & bit(i)) == 0 && holdsAt(text, at, words[i])) {
                    found |= bit(i);
                }
            }
        }
        return found;
    }

    /** True when {@code text} holds any of the words. */
    boolean anyIn(CharSequence text) {
        return find(text) != 0;
    }

    private static boolean holdsAt(CharSequence text, int at, String word) {
        int len = word.length();
        if (at + len > text.length()) {
            return false;
        }
        for (int k = 1; k < len; k++) {
            char c = text.charAt(at + k);
            if (c >= 128 || fold(c) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int fold(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
