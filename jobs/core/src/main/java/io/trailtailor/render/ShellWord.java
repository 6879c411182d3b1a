package io.trailtailor.render;

/**
 * One argument of a suggested shell command (the {@code aws eks ...} lines in RBAC comments), quoted for POSIX
 * shells when it holds anything but characters that are never special to a shell. A cluster name or ARN taken from a
 * log could otherwise carry {@code ;}, {@code $(...)} or a backtick into a command an operator copies and runs.
 * Benign ARNs, names and comma lists are returned unchanged.
 */
public final class ShellWord {

    private ShellWord() {}

    /** The value as one shell word: unchanged when safe, else in single quotes ({@code '} written {@code '\''}). */
    public static String of(String value) {
        if (value == null || value.isEmpty()) return "''";
        if (value.chars().allMatch(ShellWord::plain)) return value;
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static boolean plain(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "@+=:,./_-".indexOf(c) >= 0;
    }
}
