package io.trailtailor.findings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --baseline PATH}: marks this run's findings {@code new}, {@code unchanged} or {@code muted} against an
 * earlier run, and lists the earlier findings that are gone (resolved). Findings are matched by fingerprint, which
 * ignores counts and times, so more calls of the same over-privilege stay {@code unchanged}.
 */
public final class FindingsBaseline {

    /** The file name inside an output directory. */
    public static final String FILE = "findings.json";

    private FindingsBaseline() {}

    /** This run's findings with their status, and the baseline's findings no longer present. */
    public record Result(List<Finding> findings, List<Finding> resolved) {
        public Result {
            findings = List.copyOf(findings);
            resolved = List.copyOf(resolved);
        }
    }

    /** The findings of an earlier output directory or of its {@code findings.json}. */
    public static List<Finding> read(Path directoryOrFile) {
        Path file = Files.isDirectory(directoryOrFile) ? directoryOrFile.resolve(FILE) : directoryOrFile;
        try (InputStream in = Files.newInputStream(file)) {
            return FindingsJson.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline " + file, e);
        }
    }

    /** Compares at the current time (mute expiry is judged now). */
    public static Result compare(List<Finding> current, List<Finding> baseline, Mutes mutes) {
        return compare(current, baseline, mutes, Instant.now());
    }

    /**
     * Muted wins over new/unchanged (a reviewer silenced it); otherwise a fingerprint the baseline held is
     * {@code unchanged}, any other {@code new}. Baseline findings whose fingerprint is gone are resolved.
     */
    public static Result compare(List<Finding> current, List<Finding> baseline, Mutes mutes, Instant now) {
        Set<String> before = new HashSet<>();
        baseline.forEach(f -> before.add(f.fingerprint()));
        Set<String> after = new HashSet<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : current) {
            after.add(f.fingerprint());
            String reason = mutes.reason(f.fingerprint(), now).orElse(null);
            if (reason != null) {
                out.add(f.withStatus(Finding.MUTED, reason));
            } else {
                out.add(f.withStatus(before.contains(f.fingerprint()) ? Finding.UNCHANGED : Finding.NEW, null));
            }
        }
        Map<String, Finding> gone = new LinkedHashMap<>();
        for (Finding f : baseline) {
            if (!after.contains(f.fingerprint())) gone.putIfAbsent(f.fingerprint(), f);
        }
        return new Result(out, new ArrayList<>(gone.values()));
    }
}
