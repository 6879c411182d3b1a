package io.trailtailor.policy;

import io.trailtailor.render.CommentText;

/**
 * The one way text gets into generated Terraform: as an HCL quoted string ({@link #string}) or as a {@code #}
 * comment line ({@link #comment}). Everything else in a {@code .tf} file is a fixed keyword or attribute name.
 */
final class HclText {

    private HclText() {}

    /**
     * An HCL quoted template that evaluates to exactly {@code s}. Escaped per the HCL native syntax: {@code "} and
     * {@code \}, {@code \n}, {@code \r}, {@code \t}; any other control, separator or format character as
     * {@code \\uNNNN} ({@code \\UNNNNNNNN} outside the BMP; an unpaired surrogate, which HCL cannot hold, as
     * U+FFFD); and the template introducers <code>${</code> and <code>%{</code> as <code>$${</code> and
     * <code>%%{</code>, so IAM policy variables such as {@code ${aws:username}} stay literal.
     */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '$', '%' -> {
                    sb.append(c);
                    if (i + 1 < s.length() && s.charAt(i + 1) == '{') sb.append(c);
                }
                default -> {
                    int cp = s.codePointAt(i);
                    if (Character.isSurrogate(c) && cp == c) {
                        sb.append("\\uFFFD");
                    } else if (CommentText.unsafe(cp)) {
                        sb.append(cp > 0xFFFF ? String.format("\\U%08X", cp) : String.format("\\u%04X", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                    if (cp > 0xFFFF) i++;
                }
            }
        }
        return sb.append('"').toString();
    }

    /** One comment line at the given indent: {@code # } and the text on one line (see {@link CommentText}). */
    static String comment(String indent, String text) {
        return indent + "# " + CommentText.of(text) + "\n";
    }
}
