package io.trailtailor.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rule registry: {@code findings/rules.json} describes every rule (id, type, severity, words, recommendation
 * kinds, anchors' references) and names the class that implements it, so the catalog is data and each rule a small
 * class. A registry entry whose class is missing, or a class whose id disagrees with its entry, fails loading.
 */
public final class RuleRegistry {

    public static final String DEFAULT_RESOURCE = "findings/rules.json";

    /** A described rule and its implementation. */
    public record Entry(RuleInfo info, Rule rule) {}

    private final List<Entry> entries;

    public RuleRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A registry entry as written: its description and the name of its implementing class, not loaded. */
    public record Described(RuleInfo info, String implementation) {}

    /** The entries of {@code findings/rules.json} without loading any rule class. */
    public static List<Described> described() {
        List<Described> out = new ArrayList<>();
        for (JsonNode n : resource()) {
            out.add(new Described(info(n), n.path("implementation").asText()));
        }
        return out;
    }

    /** The rule descriptions of {@code findings/rules.json}, in file order. */
    public static List<RuleInfo> loadInfos() {
        return described().stream().map(Described::info).toList();
    }

    public static RuleRegistry loadDefault() {
        return read(resource());
    }

    private static JsonNode resource() {
        try (InputStream in = RuleRegistry.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("rule registry missing from classpath: " + DEFAULT_RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    static RuleRegistry read(JsonNode array) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode n : array) {
            RuleInfo info = info(n);
            String impl = n.path("implementation").asText();
            Rule rule;
            try {
                rule = (Rule) Class.forName(impl).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException(info.rule() + ": cannot load rule class " + impl, e);
            }
            if (!rule.id().equals(info.rule())) {
                throw new IllegalStateException(
                        impl + " says it is " + rule.id() + ", the registry says " + info.rule());
            }
            out.add(new Entry(info, rule));
        }
        return new RuleRegistry(out);
    }

    static RuleInfo info(JsonNode n) {
        List<RecommendationKind> kinds = new ArrayList<>();
        n.path("recommendationKinds").forEach(k -> kinds.add(RecommendationKind.valueOf(k.asText())));
        List<String> refs = new ArrayList<>();
        n.path("references").forEach(r -> refs.add(r.asText()));
        return new RuleInfo(
                n.path("rule").asText(),
                n.path("type").asText(),
                Severity.valueOf(n.path("severity").asText()),
                n.path("title").asText(),
                n.path("description").asText(),
                kinds,
                refs);
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> entry(String ruleId) {
        return entries.stream().filter(e -> e.info().rule().equals(ruleId)).findFirst();
    }
}
