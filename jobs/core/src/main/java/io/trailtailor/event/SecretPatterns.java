package io.trailtailor.event;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credential shapes in free text, each with the replacement that masks it. The patterns tolerate JSON escaping (a
 * quote may be preceded by backslashes, as in a JSON document held in a JSON string) and text cut off at any point
 * (a value that runs to the end of an excerpt is masked to the end).
 */
final class SecretPatterns {

    static final String REMOVED = "<removed>";

    /** A quote, possibly escaped one or more levels deep. */
    private static final String Q = "\\\\*[\"']";

    /** Words that make a name secret-ish in free text ({@code db_password=}, {@code X-Amz-Security-Token:}). */
    private static final String SECRET_WORD = "(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key"
            + "|private[_-]?key|credential|authorization|auth[_-]?key|session[_-]?key|signature|cookie)";

    /**
     * One masking rule. Where a pattern can only match text holding one of its triggers (lower case), the triggers are
     * checked first: most strings of a record hold no secret, and a substring test is far cheaper than a regex scan.
     */
    private record Rule(List<String> triggers, Pattern pattern, String replacement) {

        String apply(String text, String lower) {
            if (!triggers.isEmpty() && !containsAny(lower, triggers)) {
                return text;
            }
            Matcher m = pattern.matcher(text);
            return m.find() ? m.replaceAll(replacement) : text;
        }
    }

    private static Rule rule(String trigger, String regex, String replacement) {
        return rule(List.of(trigger), regex, replacement);
    }

    private static Rule rule(List<String> triggers, String regex, String replacement) {
        return new Rule(triggers, Pattern.compile(regex), replacement);
    }

    private static final List<String> KEY_ID_STEMS = List.of("akia", "asia", "abia", "acca");
    private static final List<String> TOKEN_PREFIXES = List.of(
            "ghp_",
            "gho_",
            "ghu_",
            "ghs_",
            "ghr_",
            "github_pat_",
            "glpat-",
            "xox",
            "k_live_",
            "k_test_",
            "aiza",
            "npm_");

    /** The secret words' common stems, to test before the assignment pattern runs. */
    private static final List<String> SECRET_STEMS =
            List.of("pass", "pwd", "secret", "token", "key", "credential", "auth", "signature", "cookie");

    private static final Pattern SECRET_NAME = Pattern.compile("(?i)" + SECRET_WORD);

    /**
     * NAME=VALUE, NAME: VALUE, "NAME": "VALUE" (INI, .env, YAML, JSON, query strings, headers). Any name followed by a
     * separator is a candidate; the value is masked when the name holds a secret word. Names are matched whole, so the
     * scan stays linear in the text.
     */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{2,80})"
            + "((?:\\\\*[\"'])?[ \\t]*=[ \\t]*|\\\\*[\"'][ \\t]*:[ \\t]*|[ \\t]*:[ \\t]+|:(?=\\\\*[\"']))"
            + "(?:(\\\\*\")[^\"\\r\\n\\\\]*(?:\\\\(?!\\\\*\")[^\"\\r\\n\\\\]*)*"
            + "|(')[^'\\r\\n]*"
            + "|[^\\s\"'&;,<>{}\\[\\]\\\\]+)");

    /** A plain loop: this runs for every string of every record, where streams cost more than the test. */
    private static boolean containsAny(String lower, List<String> triggers) {
        for (int i = 0; i < triggers.size(); i++) {
            if (lower.contains(triggers.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static String maskAssignments(String text, String lower) {
        if (!containsAny(lower, SECRET_STEMS)) {
            return text;
        }
        Matcher m = ASSIGNMENT.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!SECRET_NAME.matcher(m.group(1)).find()) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            String quote = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "";
            out.append(text, last, m.start())
                    .append(m.group(1))
                    .append(m.group(2))
                    .append(quote)
                    .append(REMOVED);
            last = m.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static final List<Rule> RULES = List.of(
            // PEM private keys, to their END line or to the end of the text
            rule(
                    "private key",
                    "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?"
                            + "(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|\\z)",
                    REMOVED),
            // an access key id followed by its secret, as in a pasted credentials line
            rule(
                    KEY_ID_STEMS,
                    "\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}([\\s,:;|\"'=\\\\]{1,8})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])",
                    REMOVED + "$1" + REMOVED),
            // tokens whose prefix names them: GitHub, GitLab, Slack, Stripe, Google, npm
            rule(
                    TOKEN_PREFIXES,
                    "\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
                            + "|xox[abposre]-[A-Za-z0-9-]{10,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}"
                            + "|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36})",
                    REMOVED),
            rule("hooks.slack.com", "(hooks\\.slack\\.com/services/)[A-Za-z0-9/_-]+", "$1" + REMOVED),
            // JSON web tokens (Kubernetes service-account tokens, OIDC id tokens)
            rule("eyj", "\\beyJ[A-Za-z0-9_-]{6,}(?:\\.[A-Za-z0-9_-]*){0,2}", REMOVED),
            // Authorization header schemes; Basic and Digest only when the value looks encoded, not like prose
            rule("bearer", "(?i)\\b(bearer)(\\s+)[A-Za-z0-9._~+/=-]{6,}", "$1$2" + REMOVED),
            rule(
                    List.of("basic", "digest", "negotiate"),
                    "(?i)\\b(basic|digest|negotiate)(\\s+)(?=[A-Za-z0-9._~+/=-]*[0-9+/=])[A-Za-z0-9._~+/=-]{6,}",
                    "$1$2" + REMOVED),
            // the password of a URL or connection string: scheme://user:password@host
            rule(
                    "://",
                    "(?i)\\b([a-z][a-z0-9+.-]{1,20}://[^\\s:/@\"'<>\\\\]{0,256}:)[^\\s@/\"'<>\\\\]{1,256}@",
                    "$1" + REMOVED + "@"),
            // the command of a pods/exec request
            rule("command=", "([?&]command=)[^&\\s\"'\\\\#]*", "$1" + REMOVED),
            // a Secret's data in JSON, at any escaping depth
            rule("data", "(" + Q + "(?:data|stringData)" + Q + "\\s*:\\s*)\\{[^{}]*\\}?", "$1{" + REMOVED + "}"),
            // environment variable values in JSON ({"name": "X", "value": "..."})
            rule("value", "(" + Q + "value" + Q + "\\s*:\\s*" + Q + ")[^\"'\\\\]*", "$1" + REMOVED),
            // any other access key id in free text
            rule(KEY_ID_STEMS, "\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b", REMOVED));

    /** Long base64 runs with letters and digits: key material, pasted secrets, PEM body lines. Free text only. */
    private static final Rule BLOB = rule(
            List.of(),
            "(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]{0,200}[0-9])(?=[A-Za-z0-9+/]{0,200}[A-Za-z])[A-Za-z0-9+/]{40,}={0,2}",
            REMOVED);

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}");

    private SecretPatterns() {}

    /** Masks every credential shape in {@code text}; returns the same instance when there is none. */
    static String maskText(String text) {
        return BLOB.apply(maskValue(text), null);
    }

    /**
     * Masks credential shapes in one string value of a structured record. A value that is exactly an access key id
     * stays (it is the join key of every session), and long opaque runs stay (object keys, hashes, ids).
     */
    static String maskValue(String value) {
        if (value.length() < 5 || ACCESS_KEY_ID.matcher(value).matches()) {
            return value;
        }
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        String out = value;
        for (Rule rule : RULES) {
            out = rule.apply(out, lower);
        }
        return maskAssignments(out, lower);
    }
}
