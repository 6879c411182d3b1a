package io.trailtailor.policy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Reads generated Terraform back with hcl4j, a real HCL parser. hcl4j leaves out three parts of the HCL string
 * syntax, which this reader supplies as the HCL native syntax specification defines them: {@code \\uNNNN} and
 * {@code \\UNNNNNNNN} escapes (decoded before parsing; hcl4j rejects them), and the <code>$${</code> and
 * <code>%%{</code> template escapes (decoded in each parsed string; hcl4j keeps them doubled).
 */
final class TerraformReader {

    private TerraformReader() {}

    /** The parsed file: block type → labels → body, as hcl4j builds it; a block that repeats is a list. */
    static Map<String, Object> parse(String tf) {
        try {
            return new HCLParser().parse(decodeUnicodeEscapes(tf));
        } catch (HCLParserException | RuntimeException e) {
            // hcl4j reports a lexer error wrapped in a RuntimeException
            throw new AssertionError("not HCL: " + e.getMessage() + "\n" + tf, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string value as Terraform evaluates it. */
    static String templateLiteral(Object parsed) {
        if (!(parsed instanceof String s)) throw new AssertionError("not a string: " + parsed);
        return s.replace("$${", "${").replace("%%{", "%{");
    }

    /** The list of strings of a parsed list attribute, each as Terraform evaluates it. */
    static List<String> strings(Object parsed) {
        if (!(parsed instanceof List<?> l)) throw new AssertionError("not a list: " + parsed);
        return l.stream().map(TerraformReader::templateLiteral).toList();
    }

    /** The bodies of a block type that may occur once (hcl4j: a map) or several times (a list of maps). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> blocks(Object parsed) {
        if (parsed == null) return List.of();
        if (parsed instanceof Map<?, ?> m) return List.of((Map<String, Object>) m);
        return (List<Map<String, Object>>) parsed;
    }

    /** Replaces each {@code \\u}/{@code \\U} escape by its character, leaving other escapes (and {@code \\\\}) as they are. */
    static String decodeUnicodeEscapes(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(i + 1);
            int digits = n == 'u' ? 4 : n == 'U' ? 8 : 0;
            if (digits > 0) {
                sb.appendCodePoint(Integer.parseInt(s.substring(i + 2, i + 2 + digits), 16));
                i += 1 + digits;
            } else {
                sb.append(c).append(n);
                i++;
            }
        }
        return sb.toString();
    }
}
