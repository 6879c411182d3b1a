package io.trailtailor.event;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Credential shapes in free text, each with the replacement that masks it. The patterns tolerate JSON escaping (a
 * quote may be preceded by backslashes, as in a JSON document held in a JSON string) and text cut off at any point
 * (a value that runs to the end of an excerpt is masked to the end).
 */
final class SecretPatterns {

    static final String REMOVED = "<removed>";

    /** A quote, possibly escaped one or more levels deep. */
    private static final String Q = "\\\\*[\"']";

    /**
     * One masking rule. Where a pattern can only match text holding one of its triggers (in any case), the triggers are
     * checked first, all rules' in one pass: most strings of a record hold no secret, and that pass is far cheaper
     * than a regex scan.
     */
    private record Rule(long triggers, Pattern pattern, String replacement) {

        /** {@code found}: the {@link #TRIGGERS} the original value holds (a mask never adds one). */
        String apply(String text, long found) {
            if ((found & triggers) == 0) {
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
        return new Rule(TRIGGERS.bits(triggers), Pattern.compile(regex), replacement);
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

    /**
     * Every trigger of every rule, found in one pass over a value. A rule's pattern can only match where its
     * triggers are (in ASCII), so skipping it when they are absent changes nothing.
     */
    private static final WordSet TRIGGERS = new WordSet(Stream.of(
                    List.of("private key", "hooks.slack.com", "eyj", "bearer", "basic", "digest", "negotiate"),
                    List.of("://", "command=", "data", "value"),
                    KEY_ID_STEMS,
                    TOKEN_PREFIXES,
                    SECRET_STEMS)
            .flatMap(List::stream)
            .distinct()
            .toList());

    private static final long SECRET_STEM_BITS = TRIGGERS.bits(SECRET_STEMS);

    /**
     * Words that make a name secret-ish in free text ({@code db_password=}, {@code X-Amz-Security-Token:}), in any
     * case (names in assignments are ASCII); one pass finds them without a regex per name.
     */
    private static final WordSet SECRET_NAME_WORDS = new WordSet(List.of(
            "password",
            "passwd",
            "pwd",
            "passphrase",
            "secret",
            "token",
            "apikey",
            "api_key",
            "api-key",
            "privatekey",
            "private_key",
            "private-key",
            "credential",
            "authorization",
            "authkey",
            "auth_key",
            "auth-key",
            "sessionkey",
            "session_key",
            "session-key",
            "signature",
            "cookie"));

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

    private static String maskAssignments(String text, long found) {
        if ((found & SECRET_STEM_BITS) == 0 || !hasSeparator(text)) {
            return text;
        }
        Matcher m = ASSIGNMENT.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!SECRET_NAME_WORDS.anyIn(m.group(1))) {
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

    /**
     * Whether {@link #ASSIGNMENT} could find a separator: an {@code =}, or a {@code :} that a quote, space or tab
     * follows or a quote precedes (spaces and tabs between). ARNs and times hold colons but none of these, and are
     * then spared the regex.
     */
    static boolean hasSeparator(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '=') {
                return true;
            }
            if (c != ':') {
                continue;
            }
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            if (next == ' ' || next == '\t' || next == '"' || next == '\'' || next == '\\') {
                return true;
            }
            int before = i - 1;
            while (before >= 0 && (text.charAt(before) == ' ' || text.charAt(before) == '\t')) {
                before--;
            }
            if (before >= 0 && (text.charAt(before) == '"' || text.charAt(before) == '\'')) {
                return true;
            }
        }
        return false;
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

    /** A base64 run at least this long is a blob. */
    private static final int BLOB_MIN = 40;

    /** The digit and the letter that make a run a blob must come within this many characters of its start. */
    private static final int BLOB_WINDOW = 201;

    private SecretPatterns() {}

    /** Masks every credential shape in {@code text}; returns the same instance when there is none. */
    static String maskText(String text) {
        return maskBlobs(maskValue(text));
    }

    /**
     * Long base64 runs with letters and digits (key material, pasted secrets, PEM body lines), in free text only: each
     * whole run of {@code [A-Za-z0-9+/]} of at least 40 characters, with a digit and a letter among its first 201, and
     * up to two {@code =} after it. A scan of the runs: the equivalent regex (a look-behind and two look-aheads tried
     * at every position) cost more than all the other masking of a record together.
     */
    static String maskBlobs(String text) {
        StringBuilder out = null;
        int last = 0;
        int n = text.length();
        int at = 0;
        while (at < n) {
            if (!isBase64(text.charAt(at))) {
                at++;
                continue;
            }
            int start = at;
            boolean digit = false;
            boolean letter = false;
            while (at < n && isBase64(text.charAt(at))) {
                if (at - start < BLOB_WINDOW) {
                    char c = text.charAt(at);
                    digit |= c >= '0' && c <= '9';
                    letter |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                }
                at++;
            }
            if (at - start < BLOB_MIN || !digit || !letter) {
                continue;
            }
            for (int pad = 0; pad < 2 && at < n && text.charAt(at) == '='; pad++) {
                at++;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, last, start).append(REMOVED);
            last = at;
        }
        return out == null ? text : out.append(text, last, n).toString();
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    /** {@code (?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}}, the whole value. */
    static boolean isAccessKeyId(String value) {
        if (value.length() != 20
                || !(value.startsWith("AKIA")
                        || value.startsWith("ASIA")
                        || value.startsWith("ABIA")
                        || value.startsWith("ACCA"))) {
            return false;
        }
        for (int i = 4; i < 20; i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Masks credential shapes in one string value of a structured record. A value that is exactly an access key id
     * stays (it is the join key of every session), and long opaque runs stay (object keys, hashes, ids).
     */
    static String maskValue(String value) {
        if (value.length() < 5 || isAccessKeyId(value)) {
            return value;
        }
        long found = TRIGGERS.find(value);
        if (found == 0) {
            return value; // most values: no rule can match
        }
        String out = value;
        for (Rule rule : RULES) {
            out = rule.apply(out, found);
        }
        return maskAssignments(out, found);
    }
}
