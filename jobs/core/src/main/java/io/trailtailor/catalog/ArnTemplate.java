package io.trailtailor.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed ARN template such as {@code arn:${Partition}:eks:${Region}:${Account}:cluster/${ClusterName}}: its
 * variables, how it recognises concrete ARNs of it, and how specific it is (literal characters).
 *
 * <p>Matching is a char scan over the literal parts, not a regex: the mapper matches ARNs against hundreds of
 * templates per call. {@link #pattern()} is the same language as a regex, for callers that want one (and for the
 * test that keeps both in step).
 */
final class ArnTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    /** Keyed by template text: the catalog's and the overrides' templates are a finite set, parsed once each. */
    private static final Map<String, ArnTemplate> CACHE = new ConcurrentHashMap<>();

    /** What a variable may match; the regex of each is in {@link #regexOf}. */
    private enum Kind {
        /** {@code aws(?:-[a-z]+)*}: aws, aws-cn, aws-us-gov, aws-iso-b, aws-eusc, ... */
        PARTITION,
        /** {@code [^:]*}: region and account may be empty (IAM, S3) but never span a colon. */
        SEGMENT,
        /** {@code .+}: names may contain '/' (role paths, object keys) and, for a few services, ':'. */
        NAME
    }

    private final String template;
    private final List<String> variables;
    /** literals[i] precedes variable i; literals[variables.size()] is the tail. */
    private final String[] literals;

    private final Kind[] kinds;
    private final String regex;
    private volatile Pattern pattern;
    private final int literalLength;

    private ArnTemplate(String template) {
        this.template = template;
        List<String> vars = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Kind> kindList = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        int literal = 0;
        int last = 0;
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            String text = template.substring(last, m.start());
            texts.add(text);
            literal += text.length();
            regex.append(Pattern.quote(text));
            String name = m.group(1);
            vars.add(name);
            Kind kind = switch (name) {
                case "Partition" -> Kind.PARTITION;
                case "Region", "Account" -> Kind.SEGMENT;
                default -> Kind.NAME;
            };
            kindList.add(kind);
            regex.append(regexOf(kind));
            last = m.end();
        }
        String tail = template.substring(last);
        texts.add(tail);
        literal += tail.length();
        regex.append(Pattern.quote(tail)).append('$');
        this.variables = List.copyOf(vars);
        this.literals = texts.toArray(String[]::new);
        this.kinds = kindList.toArray(Kind[]::new);
        this.regex = regex.toString();
        this.literalLength = literal;
    }

    private static String regexOf(Kind kind) {
        return switch (kind) {
            case PARTITION -> "aws(?:-[a-z]+)*";
            case SEGMENT -> "[^:]*";
            case NAME -> ".+";
        };
    }

    static ArnTemplate of(String template) {
        ArnTemplate known = CACHE.get(template);
        return known != null ? known : CACHE.computeIfAbsent(template, ArnTemplate::new);
    }

    String template() {
        return template;
    }

    List<String> variables() {
        return variables;
    }

    /** The regex {@link #matches} implements; compiled on first use, which outside tests is rare. */
    Pattern pattern() {
        Pattern compiled = pattern;
        if (compiled == null) {
            compiled = Pattern.compile(regex);
            pattern = compiled;
        }
        return compiled;
    }

    /** More literal characters means a more specific template: {@code bucket/object} beats {@code bucket}. */
    int literalLength() {
        return literalLength;
    }

    /** Whether the whole ARN is an instance of this template: the same answer as {@code pattern().matcher(arn).matches()}. */
    boolean matches(String arn) {
        String head = literals[0];
        return arn.startsWith(head) && matchFrom(arn, 0, head.length());
    }

    /** Variable {@code k} starts at {@code pos}; tries each end where the literal after it follows, backtracking. */
    private boolean matchFrom(String arn, int k, int pos) {
        if (k == kinds.length) {
            return pos == arn.length();
        }
        String next = literals[k + 1];
        if (kinds[k] == Kind.PARTITION) {
            return matchPartition(arn, k, pos, next);
        }
        int min = kinds[k] == Kind.NAME ? pos + 1 : pos;
        int max = kinds[k] == Kind.NAME ? nameEnd(arn, pos) : segmentEnd(arn, pos);
        if (k == kinds.length - 1) {
            // the last variable ends where the tail starts: the only candidate
            int end = arn.length() - next.length();
            return end >= min && end <= max && arn.startsWith(next, end);
        }
        // end < max before searching on: indexOf("", past the end) answers the length again, forever
        for (int end = arn.indexOf(next, min);
                end >= 0 && end <= max;
                end = end < max ? arn.indexOf(next, end + 1) : -1) {
            if (matchFrom(arn, k + 1, end + next.length())) {
                return true;
            }
        }
        return false;
    }

    private boolean matchPartition(String arn, int k, int pos, String next) {
        if (!arn.startsWith("aws", pos)) {
            return false;
        }
        int end = pos + 3;
        if (arn.startsWith(next, end) && matchFrom(arn, k + 1, end + next.length())) {
            return true;
        }
        while (end < arn.length() && arn.charAt(end) == '-') {
            int letter = end + 1;
            while (letter < arn.length() && isLowerAscii(arn.charAt(letter))) {
                letter++;
                if (arn.startsWith(next, letter) && matchFrom(arn, k + 1, letter + next.length())) {
                    return true;
                }
            }
            if (letter == end + 1) {
                return false; // a '-' with no letters after it ends every partition
            }
            end = letter;
        }
        return false;
    }

    private static boolean isLowerAscii(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** The furthest end of {@code [^:]*} from {@code pos}. */
    private static int segmentEnd(String arn, int pos) {
        int colon = arn.indexOf(':', pos);
        return colon < 0 ? arn.length() : colon;
    }

    /** The furthest end of {@code .+} from {@code pos}: regex '.' stops at line terminators. */
    private static int nameEnd(String arn, int pos) {
        for (int i = pos; i < arn.length(); i++) {
            char c = arn.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return i;
            }
        }
        return arn.length();
    }

    /** The service segment when it is literal ({@code eks} above), else null. */
    String serviceSegment() {
        String[] parts = template.split(":", 4);
        return parts.length > 2 && !parts[2].contains("${") ? parts[2] : null;
    }

    String render(Map<String, String> values, String missingValue) {
        StringBuilder out = new StringBuilder(template.length() + 32).append(literals[0]);
        for (int i = 0; i < kinds.length; i++) {
            String value = values.get(variables.get(i));
            out.append(value == null ? missingValue : value).append(literals[i + 1]);
        }
        return out.toString();
    }
}
