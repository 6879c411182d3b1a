package io.trailtailor.synthetic;

import java.util.SplittableRandom;

/** Identifier shapes (UUIDs, access keys, role ids, instance ids) drawn from a seeded random, never the clock. */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {}

    static String uuid(SplittableRandom r) {
        long hi = r.nextLong();
        long lo = r.nextLong();
        hi = (hi & ~0xF000L) | 0x4000L; // version 4
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 16; i++) {
            long v = i < 8 ? hi >>> (56 - 8 * i) : lo >>> (56 - 8 * (i - 8));
            c[p++] = HEX[(int) (v >>> 4) & 0xF];
            c[p++] = HEX[(int) v & 0xF];
            if (i == 3 || i == 5 || i == 7 || i == 9) {
                c[p++] = '-';
            }
        }
        return new String(c);
    }

    static String hex(SplittableRandom r, int n) {
        return pick(r, HEX, n);
    }

    static String upperHex(SplittableRandom r, int n) {
        return hex(r, n).toUpperCase(java.util.Locale.ROOT);
    }

    static String alnum(SplittableRandom r, int n) {
        return pick(r, ALNUM, n);
    }

    static String lowerAlnum(SplittableRandom r, int n) {
        return pick(r, LOWER_ALNUM, n);
    }

    static String digits(SplittableRandom r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('0' + r.nextInt(10));
        }
        if (c[0] == '0') {
            c[0] = '1';
        }
        return new String(c);
    }

    /** Temporary STS key ({@code ASIA…}), long-term user key ({@code AKIA…}), role id ({@code AROA…}) etc. */
    static String awsId(SplittableRandom r, String prefix) {
        return prefix + pick(r, B32, 16);
    }

    static String instanceId(SplittableRandom r) {
        return "i-0" + hex(r, 16);
    }

    private static String pick(SplittableRandom r, char[] alphabet, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return new String(c);
    }
}
