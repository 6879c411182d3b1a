package io.trailtailor.findings;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code --baseline PATH}: marks this run's findings {@code new}, {@code unchanged} or {@code muted} against an
 * earlier run, and lists the earlier findings that are gone (resolved).
 */
public final class FindingsBaseline {

    private FindingsBaseline() {}

    /** This run's findings with their status, and the baseline's findings no longer present. */
    public record Result(List<Finding> findings, List<Finding> resolved) {}

    /** The findings of an earlier output directory or of its {@code findings.json}. */
    public static List<Finding> read(Path directoryOrFile) {
        throw new UnsupportedOperationException("TODO(wip/iam): baseline reader");
    }

    public static Result compare(List<Finding> current, List<Finding> baseline, Mutes mutes) {
        throw new UnsupportedOperationException("TODO(wip/iam): baseline comparison");
    }
}
