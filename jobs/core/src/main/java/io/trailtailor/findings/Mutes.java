package io.trailtailor.findings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** {@code --mute FILE}: findings muted by fingerprint, each with the reviewer's reason. */
public final class Mutes {

    private final Map<String, String> reasons;

    private Mutes(Map<String, String> reasons) {
        this.reasons = Map.copyOf(reasons);
    }

    public static Mutes none() {
        return new Mutes(Map.of());
    }

    /** Reads a JSON or YAML list of {@code {fingerprint, reason}}. */
    public static Mutes read(Path file) {
        throw new UnsupportedOperationException("TODO(wip/iam): mute file reader");
    }

    public Optional<String> reason(String fingerprint) {
        return Optional.ofNullable(reasons.get(fingerprint));
    }
}
