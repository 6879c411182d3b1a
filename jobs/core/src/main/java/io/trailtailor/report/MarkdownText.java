package io.trailtailor.report;

/** Markdown escaping: inline text that cannot start markup, table cells, and fences no content can close. */
public final class MarkdownText {

    private static final String SPECIAL = "\\`*_{}[]<>()#+!|~&";

    private MarkdownText() {}

    /** Inline text: every Markdown or HTML metacharacter backslash-escaped, line breaks folded into spaces. */
    public static String inline(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                b.append(' ');
            } else {
                if (SPECIAL.indexOf(c) >= 0) {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A fenced code block whose fence is one backtick longer than the longest backtick run in the content. */
    public static String fenced(String content, String language) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        String lang = language == null ? "" : language.replaceAll("[^A-Za-z0-9_-]", "");
        String body = content.endsWith("\n") ? content : content + "\n";
        return fence + lang + "\n" + body + fence + "\n";
    }
}
