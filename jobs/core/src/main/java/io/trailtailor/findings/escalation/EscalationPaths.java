package io.trailtailor.findings.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The escalation paths TT-IAM-010 knows: the pinned conversion of pathfinding.cloud ({@value #PATHFINDING_RESOURCE},
 * written by {@code tools/refresh-escalation-paths.sh}) plus our own EKS entries ({@value #TRAILTAILOR_RESOURCE}),
 * with the pinned source's provenance.
 */
public final class EscalationPaths {

    public static final String PATHFINDING_RESOURCE = "findings/escalation/pathfinding-paths.json";
    public static final String TRAILTAILOR_RESOURCE = "findings/escalation/trailtailor-paths.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the pinned pathfinding.cloud data came from. */
    public record Provenance(String repo, String commit, String date, String license, String notice) {}

    private static volatile EscalationPaths defaults;

    private final List<EscalationPath> paths;
    private final Provenance provenance;

    public EscalationPaths(List<EscalationPath> paths, Provenance provenance) {
        this.paths = List.copyOf(paths);
        this.provenance = provenance;
    }

    /** The bundled paths, read once. */
    public static EscalationPaths loadDefault() {
        EscalationPaths d = defaults;
        if (d == null) {
            JsonNode pathfinding = resource(PATHFINDING_RESOURCE);
            List<EscalationPath> all = new ArrayList<>(parse(pathfinding));
            all.addAll(parse(resource(TRAILTAILOR_RESOURCE)));
            d = new EscalationPaths(all, provenance(pathfinding.path("source")));
            defaults = d;
        }
        return d;
    }

    public List<EscalationPath> paths() {
        return paths;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** The {@code paths} array of a converted file. */
    public static List<EscalationPath> parse(JsonNode root) {
        List<EscalationPath> out = new ArrayList<>();
        for (JsonNode p : root.path("paths")) {
            List<String> actions = new ArrayList<>();
            p.path("actions").forEach(a -> actions.add(a.asText()));
            Map<String, String> constraints = new LinkedHashMap<>();
            p.path("resourceConstraints")
                    .fields()
                    .forEachRemaining(
                            e -> constraints.put(e.getKey(), e.getValue().asText()));
            out.add(new EscalationPath(
                    p.path("id").asText(),
                    p.path("name").asText(),
                    p.path("category").asText(),
                    p.path("source").asText(),
                    actions,
                    constraints,
                    p.path("url").asText()));
        }
        return out;
    }

    static Provenance provenance(JsonNode s) {
        return new Provenance(
                s.path("repo").asText(),
                s.path("commit").asText(),
                s.path("date").asText(),
                s.path("license").asText(),
                s.path("notice").asText());
    }

    private static JsonNode resource(String name) {
        try (InputStream in = EscalationPaths.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
