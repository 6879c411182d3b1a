package io.trailtailor.flink.output;

import java.util.List;
import java.util.Set;

/**
 * The paths under {@code --out} that belong to trailtailor's output contract (DESIGN.md), and which of them a run of
 * this version may write. A file under one of these paths that no manifest lists is someone else's: it is kept, and
 * if its path is one this run may write, the run refuses to start rather than overwrite it.
 */
public final class OutputLayout {

    /** The manifest of what the last run wrote, at the root of {@code --out}. */
    public static final String MANIFEST = ".trailtailor-manifest.json";

    /** The run's scratch directory; the driver consumes and removes it, so nothing foreign may sit in it. */
    public static final String WORK = ".work";

    /**
     * Every output path of the contract, this version's and those still to come: scanned for files nobody owns, and
     * the only places a manifest may direct a removal to.
     */
    public static final List<String> ROOTS = List.of(
            "parquet",
            "quarantine",
            "policies",
            "rbac",
            "alerts",
            WORK,
            "summary.json",
            "workloads.json",
            "unmapped-events.json",
            "findings.json",
            "findings.ocsf.json",
            "findings.resolved.json",
            "report.html",
            "report.md",
            "status.json",
            "athena");

    /** The files at the root that every run of this version writes. */
    static final Set<String> FIXED_FILES = Set.of("summary.json", "workloads.json", "unmapped-events.json");

    /** The directories this version writes into; each must be a real directory (or absent), never a link. */
    static final Set<String> WRITTEN_DIRS = Set.of("parquet", "quarantine", "policies", "rbac", WORK);

    /** The files of the findings step, written when the job ran ({@code athena/<table>.sql} also). */
    static final Set<String> FINDINGS_FILES =
            Set.of("findings.json", "findings.ocsf.json", "findings.resolved.json", "report.html", "report.md");

    private OutputLayout() {}

    /** Whether {@code rel} is one of the contract's paths or lies under one. */
    static boolean underRoot(String rel) {
        String first = rel.split("/", 2)[0];
        return ROOTS.contains(first);
    }

    /**
     * Whether this version may write a file at {@code rel} (relative, {@code /}-separated): the fixed files, the
     * scratch directory, and the shapes of policy and RBAC files (file names there come from log data, so any name of
     * the right shape may be written). Parquet and quarantine part files carry a fresh random id in their names and
     * cannot meet a file that is already there.
     */
    static boolean mayWrite(String rel) {
        if (FIXED_FILES.contains(rel) || rel.equals(WORK) || rel.startsWith(WORK + "/")) {
            return true;
        }
        if (FINDINGS_FILES.contains(rel) || (rel.startsWith("athena/") && rel.endsWith(".sql"))) {
            return true;
        }
        String[] parts = rel.split("/");
        String name = parts[parts.length - 1];
        boolean policyFile = name.endsWith(".json") || name.endsWith(".tf");
        if (parts[0].equals("policies") && parts.length >= 2) {
            return switch (parts[1]) {
                case "roles", "users" -> parts.length == 4 && policyFile;
                case "workloads" -> parts.length == 5 && policyFile;
                default -> false;
            };
        }
        if (parts[0].equals("rbac") && parts.length == 3) {
            return name.endsWith(".yaml")
                    && (name.startsWith("sa.")
                            || name.startsWith("role.")
                            || name.startsWith("user.")
                            || name.startsWith("other."));
        }
        return false;
    }
}
