package io.trailtailor.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code --mute FILE}: findings muted by fingerprint, each with the reviewer's reason. The file is a JSON or YAML
 * list of {@code {fingerprint, reason, expires?}} ({@code expires} an ISO date: from that day on the mute no longer
 * applies). Entries that cannot apply are reported through {@link #problems()} and {@link #unknown}, never fatal.
 */
public final class Mutes {

    /** One mute entry; {@code expires} is null for a mute without end. */
    public record Mute(String fingerprint, String reason, LocalDate expires) {}

    private final Map<String, Mute> mutes;
    private final List<String> problems;

    private Mutes(Map<String, Mute> mutes, List<String> problems) {
        this.mutes = java.util.Collections.unmodifiableMap(new TreeMap<>(mutes));
        this.problems = List.copyOf(problems);
    }

    public static Mutes none() {
        return new Mutes(Map.of(), List.of());
    }

    public static Mutes of(Collection<Mute> entries) {
        Map<String, Mute> m = new TreeMap<>();
        entries.forEach(e -> m.put(e.fingerprint(), e));
        return new Mutes(m, List.of());
    }

    /** Reads a JSON or YAML list of {@code {fingerprint, reason}} (YAML is a superset of JSON, so one parser reads both). */
    public static Mutes read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mute file " + file, e);
        }
        Map<String, Mute> out = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isArray()) {
            problems.add(file + ": expected a list of {fingerprint, reason}");
            return new Mutes(out, problems);
        }
        int i = 0;
        for (JsonNode n : root) {
            String fp = n.path("fingerprint").asText("").trim();
            if (fp.isEmpty()) {
                problems.add(file + " entry " + i + ": no fingerprint, ignored");
            } else {
                out.put(fp, new Mute(fp, n.path("reason").asText(""), expires(n, file, i, problems)));
            }
            i++;
        }
        return new Mutes(out, problems);
    }

    private static LocalDate expires(JsonNode n, Path file, int i, List<String> problems) {
        JsonNode e = n.get("expires");
        if (e == null || e.isNull()) return null;
        try {
            return LocalDate.parse(e.asText().trim());
        } catch (DateTimeParseException ex) {
            problems.add(file + " entry " + i + ": expires '" + e.asText() + "' is not a date, mute kept without end");
            return null;
        }
    }

    /** The reason a finding is muted (ignoring expiry). */
    public Optional<String> reason(String fingerprint) {
        return Optional.ofNullable(mutes.get(fingerprint)).map(Mute::reason);
    }

    /** The reason a finding is muted at {@code now}: an expired mute mutes nothing. */
    public Optional<String> reason(String fingerprint, java.time.Instant now) {
        Mute m = mutes.get(fingerprint);
        if (m == null) return Optional.empty();
        if (m.expires() != null
                && !now.isBefore(m.expires().atStartOfDay(ZoneOffset.UTC).toInstant())) {
            return Optional.empty();
        }
        return Optional.of(m.reason());
    }

    public List<Mute> entries() {
        return List.copyOf(mutes.values());
    }

    /** Problems met while reading the file (entries without a fingerprint, odd dates). */
    public List<String> problems() {
        return problems;
    }

    /** Muted fingerprints that match none of the findings: reported, so stale mutes get cleaned up. */
    public List<String> unknown(Collection<Finding> findings) {
        TreeSet<String> out = new TreeSet<>(mutes.keySet());
        findings.forEach(f -> out.remove(f.fingerprint()));
        return List.copyOf(out);
    }
}
