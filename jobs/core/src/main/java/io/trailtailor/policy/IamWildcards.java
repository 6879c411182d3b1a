package io.trailtailor.policy;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * IAM's wildcard matching. Actions: {@code *} any run (also empty), {@code ?} one character, case-insensitive,
 * anchored. Resources: case-sensitive; in the first five colon-separated ARN segments (partition, service, region,
 * account) a wildcard stays within its segment unless a {@code *} is the segment's last character, in which case
 * it may run across colons (as the IAM User Guide describes for the Resource element); in the resource part (after
 * the fifth colon) {@code *} matches anything, including {@code /} and {@code :}. A lone {@code *} matches every
 * resource. Policy variables ({@code ${aws:username}}) are not substituted: they match literally.
 */
public final class IamWildcards {

    private static final int CACHE_LIMIT = 50_000;
    private static final Map<String, Pattern> ACTION_CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Pattern> RESOURCE_CACHE = new ConcurrentHashMap<>();

    private IamWildcards() {}

    public static boolean actionMatches(String pattern, String action) {
        return compile(ACTION_CACHE, pattern, true).matcher(action).matches();
    }

    public static boolean resourceMatches(String pattern, String resource) {
        if (pattern.equals("*")) return true;
        return compile(RESOURCE_CACHE, pattern, false).matcher(resource).matches();
    }

    /** Whether a string contains IAM wildcard characters. */
    public static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    private static Pattern compile(Map<String, Pattern> cache, String pattern, boolean action) {
        Pattern p = cache.get(pattern);
        if (p == null) {
            p = action ? actionRegex(pattern) : resourceRegex(pattern);
            if (cache.size() > CACHE_LIMIT) cache.clear();
            cache.put(pattern, p);
        }
        return p;
    }

    private static Pattern actionRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                flush(re, lit);
                re.append(c == '*' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        flush(re, lit);
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    private static Pattern resourceRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        int colons = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean inResourcePart = colons >= 5;
            if (c == '*') {
                flush(re, lit);
                boolean lastOfSegment = i + 1 == pattern.length() || pattern.charAt(i + 1) == ':';
                re.append(inResourcePart || lastOfSegment ? ".*" : "[^:]*");
            } else if (c == '?') {
                flush(re, lit);
                re.append(inResourcePart ? "." : "[^:]");
            } else {
                if (c == ':') colons++;
                lit.append(c);
            }
        }
        flush(re, lit);
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static void flush(StringBuilder re, StringBuilder lit) {
        if (lit.length() > 0) {
            re.append(Pattern.quote(lit.toString()));
            lit.setLength(0);
        }
    }

    /** Lowercase service prefix of {@code svc:Action}, or the whole string if it has no colon. */
    public static String service(String action) {
        int i = action.indexOf(':');
        return (i < 0 ? action : action.substring(0, i)).toLowerCase(Locale.ROOT);
    }
}
