package io.trailtailor.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed ARN template such as {@code arn:${Partition}:eks:${Region}:${Account}:cluster/${ClusterName}}: its
 * variables, a regex that recognises concrete ARNs of it, and how specific it is (literal characters).
 */
final class ArnTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private static final Map<String, ArnTemplate> CACHE = new ConcurrentHashMap<>();

    private final String template;
    private final List<String> variables;
    private final String regex;
    private volatile Pattern pattern;
    private final int literalLength;

    private ArnTemplate(String template) {
        this.template = template;
        List<String> vars = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        int literal = 0;
        int last = 0;
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            String text = template.substring(last, m.start());
            literal += text.length();
            regex.append(Pattern.quote(text));
            String name = m.group(1);
            vars.add(name);
            regex.append(
                    switch (name) {
                        // partitions: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-eusc, ...
                        case "Partition" -> "aws(?:-[a-z]+)*";
                        case "Region", "Account" -> "[^:]*";
                        // names may contain '/' (role paths, object keys) and, for a few services, ':'
                        default -> ".+";
                    });
            last = m.end();
        }
        String tail = template.substring(last);
        literal += tail.length();
        regex.append(Pattern.quote(tail)).append('$');
        this.variables = List.copyOf(vars);
        this.regex = regex.toString();
        this.literalLength = literal;
    }

    static ArnTemplate of(String template) {
        return CACHE.computeIfAbsent(template, ArnTemplate::new);
    }

    String template() {
        return template;
    }

    List<String> variables() {
        return variables;
    }

    /** Compiled on first use: most of the 2,334 templates are never matched against in a run. */
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

    boolean matches(String arn) {
        return pattern().matcher(arn).matches();
    }

    /** The service segment when it is literal ({@code eks} above), else null. */
    String serviceSegment() {
        String[] parts = template.split(":", 4);
        return parts.length > 2 && !parts[2].contains("${") ? parts[2] : null;
    }

    String render(Map<String, String> values, String missingValue) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? missingValue : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
