package io.trailtailor.render;

/**
 * Untrusted text made safe for one line of a comment, in any of the formats rendered here (YAML {@code #}, HCL
 * {@code #} and {@code //}, shell). A comment ends at a line break, and formats disagree on what a line break is:
 * YAML 1.1 parsers (SnakeYAML, go-yaml) also break at NEL, LS and PS, some editors at VT and FF. So every character
 * that is a control (C0, DEL, C1), a line or paragraph separator, an invisible format character (bidi overrides,
 * zero-width characters, BOM) or half a surrogate pair is written as an escape, and nothing of the value can end the
 * comment or hide text from a reader.
 *
 * <p>Escapes are {@code \n}, {@code \r}, {@code \t} and {@code \\uXXXX} (UTF-16 units); a backslash is doubled, so
 * the escaped text reads back unambiguously. Text made only of printable characters without backslashes is returned
 * unchanged, which keeps benign output byte-for-byte as before.
 */
public final class CommentText {

    private CommentText() {}

    /** The value on one line with every unsafe character escaped; {@code null} becomes {@code "null"}. */
    public static String of(String value) {
        if (value == null) return "null";
        if (value.chars().noneMatch(c -> c == '\\' || unsafe(c))) return value;
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        int cp = value.codePointAt(i);
                        if (unsafe(cp)) unicode(sb, c).append("\\u").append(hex4(value.charAt(i + 1)));
                        else sb.appendCodePoint(cp);
                        i++;
                    } else if (unsafe(c)) {
                        unicode(sb, c);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Whether a code point must not appear raw in generated text: controls, line and paragraph separators, format
     * characters and surrogates (a surrogate seen alone is unpaired).
     */
    public static boolean unsafe(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    private static StringBuilder unicode(StringBuilder sb, char c) {
        return sb.append("\\u").append(hex4(c));
    }

    /** Four upper-case hex digits of a UTF-16 unit. */
    public static String hex4(char c) {
        return String.format("%04X", (int) c);
    }
}
