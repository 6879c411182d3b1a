package io.trailtailor.report;

/**
 * The escaping every report needs. Findings are built from log data an attacker can influence (role names, user
 * agents, resource names), so no value ever reaches the page as markup: the HTML embeds the data as JSON inside a
 * {@code <script type="application/json">} and the page's script only ever sets {@code textContent}.
 */
public final class ReportEscaping {

    private ReportEscaping() {}

    /**
     * JSON text made safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} become JSON unicode
     * escapes, so neither {@code </script>} nor {@code <!--} can appear; U+2028/U+2029 are escaped too. These
     * characters only occur inside JSON strings, where the escape means the same character.
     */
    public static String scriptJson(String json) {
        StringBuilder b = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Text for an HTML text node or a quoted attribute. */
    public static String html(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
