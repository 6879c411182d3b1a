package io.trailtailor.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.findings.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert type registry: {@code alerts/types.json} lists every type (name, rule id, severity, words) and the class
 * that decides it, like the finding registry ({@code findings/rules.json}). A missing class, or a class whose type
 * disagrees with its entry, fails loading, so the data and the code cannot drift apart.
 */
public final class AlertTypes {

    public static final String RESOURCE = "alerts/types.json";

    public static final String NEW_ACTION = "NEW_ACTION";
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    public static final String NODE_ROLE_USED_BY_PODS = "NODE_ROLE_USED_BY_PODS";
    public static final String NEW_K8S_PRINCIPAL = "NEW_K8S_PRINCIPAL";
    public static final String UNEXPECTED_WORKLOAD = "UNEXPECTED_WORKLOAD";

    /** A registry entry: the type's description and the name of the class implementing it. */
    public record Entry(AlertType type, String implementation) {}

    private final Map<String, Entry> entries;

    private AlertTypes(List<Entry> entries) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (m.put(e.type().type(), e) != null) {
                throw new IllegalStateException(
                        "alert type listed twice: " + e.type().type());
            }
        }
        this.entries = m;
    }

    public static AlertTypes loadDefault() {
        try (InputStream in = AlertTypes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("alert registry missing from classpath: " + RESOURCE);
            }
            return read(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static AlertTypes read(JsonNode array) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode n : array) {
            AlertType t = new AlertType(
                    n.path("type").asText(),
                    n.path("rule").asText(),
                    Severity.valueOf(n.path("severity").asText()),
                    n.path("title").asText(),
                    n.path("description").asText());
            out.add(new Entry(t, n.path("implementation").asText()));
        }
        return new AlertTypes(out);
    }

    /** Every type, in file order. */
    public List<AlertType> all() {
        return entries.values().stream().map(Entry::type).toList();
    }

    public AlertType type(String name) {
        Entry e = entries.get(name);
        if (e == null) throw new IllegalArgumentException("no alert type " + name);
        return e.type();
    }

    /** Every type's rule, built with the run's context; the rule must say it decides the type it is listed as. */
    public Map<String, AlertRule> rules(AlertContext context) {
        Map<String, AlertRule> out = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            AlertRule rule;
            try {
                rule = (AlertRule) Class.forName(e.implementation())
                        .getDeclaredConstructor(AlertType.class, AlertContext.class)
                        .newInstance(e.type(), context);
            } catch (ReflectiveOperationException | ClassCastException ex) {
                throw new IllegalStateException(
                        e.type().type() + ": cannot load alert class " + e.implementation(), ex);
            }
            if (!rule.decides().equals(e.type().type())) {
                throw new IllegalStateException(e.implementation() + " decides " + rule.decides()
                        + ", the registry says " + e.type().type());
            }
            out.put(e.type().type(), rule);
        }
        return out;
    }
}
