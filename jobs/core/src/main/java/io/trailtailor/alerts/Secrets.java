package io.trailtailor.alerts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last guard before an alert leaves: AWS access key ids (AKIA/ASIA/... + 16 characters) are cut to their first
 * four and last four characters. Alerts never take a session token or secret key in the first place (no rule reads
 * them); this covers an id that reached a free-text field such as a resource or an error.
 */
public final class Secrets {

    private static final Pattern ACCESS_KEY_ID =
            Pattern.compile("\\b((?:AKIA|ASIA|AROA|AIDA|ABIA|ACCA)[A-Z0-9]{12})([A-Z0-9]{4})\\b");

    private Secrets() {}

    /** The text with every access key id masked ({@code ASIA…WXYZ}); null stays null. */
    public static String mask(String text) {
        if (text == null) return null;
        Matcher m = ACCESS_KEY_ID.matcher(text);
        if (!m.find()) return text;
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).substring(0, 4) + "…" + m.group(2)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
