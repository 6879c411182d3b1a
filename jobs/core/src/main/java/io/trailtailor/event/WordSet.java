package io.trailtailor.event;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of up to 64 lower-case ASCII words (two characters or more), and which of them a text holds, found in one pass over the text
 * with ASCII letters compared case-insensitively. This replaces lower-casing every string of a record and testing
 * each word with {@code contains}, which cost a copy and a scan per word.
 *
 * <p>Only ASCII is folded: callers use the result to skip patterns that can only match where an ASCII word is, so a
 * non-ASCII character that lower-cases to an ASCII letter (the Kelvin sign) never makes such a pattern match.
 */
final class WordSet {

    private final String[] words;

    /**
     * For each pair of ASCII characters, the indexes of the words that start with it (lower case), or null. Pairs
     * rather than single characters, as nearly every letter starts some word and a candidate costs a comparison.
     */
    private final int[][] byFirstPair = new int[128 * 128][];

    WordSet(List<String> words) {
        if (words.size() > Long.SIZE) {
            throw new IllegalArgumentException("at most 64 words");
        }
        this.words = words.toArray(new String[0]);
        List<List<Integer>> starts = new ArrayList<>();
        for (int p = 0; p < byFirstPair.length; p++) {
            starts.add(new ArrayList<>());
        }
        for (int i = 0; i < this.words.length; i++) {
            String w = this.words[i];
            if (w.length() < 2 || !w.chars().allMatch(c -> c < 128 && fold(c) == c)) {
                throw new IllegalArgumentException("not a lower-case ASCII word of two characters or more: " + w);
            }
            starts.get(pair(w.charAt(0), w.charAt(1))).add(i);
        }
        for (int p = 0; p < byFirstPair.length; p++) {
            List<Integer> s = starts.get(p);
            if (!s.isEmpty()) {
                byFirstPair[p] = s.stream().mapToInt(Integer::intValue).toArray();
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
    long find(String text) {
        long found = 0;
        int n = text.length();
        char next = n > 0 ? text.charAt(0) : 0;
        for (int at = 0; at + 1 < n; at++) {
            char c = next;
            next = text.charAt(at + 1);
            if (c >= 128 || next >= 128) {
                continue; // no ASCII word starts here
            }
            int[] candidates = byFirstPair[pair(fold(c), fold(next))];
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
    boolean anyIn(String text) {
        return find(text) != 0;
    }

    private static boolean holdsAt(String text, int at, String word) {
        int len = word.length();
        if (at + len > text.length()) {
            return false;
        }
        for (int k = 2; k < len; k++) {
            char c = text.charAt(at + k);
            if (c >= 128 || fold(c) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int pair(int first, int second) {
        return first * 128 + second;
    }

    private static int fold(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
