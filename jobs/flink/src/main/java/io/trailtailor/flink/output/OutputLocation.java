package io.trailtailor.flink.output;

import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.input.S3Location;
import io.trailtailor.flink.options.AnalyzeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@code --out} against the inputs before anything is listed or started: it must name a directory (existing
 * or not), and must neither be nor lie inside a local input, nor hold one; otherwise every second run would read its
 * own outputs, and cleaning the outputs could touch the inputs. Paths are compared after resolving symbolic links
 * of their existing part, so two spellings of one directory are one directory. S3 inputs never conflict with a
 * local {@code --out}.
 */
public final class OutputLocation {

    private OutputLocation() {}

    /** The {@code --out} directory of {@code options}, checked against all of its local inputs. */
    public static Path check(AnalyzeOptions options) {
        return check(options.out(), localInputs(options));
    }

    /**
     * The absolute, normalized {@code out}.
     *
     * @throws UnusableOutput naming the first problem
     */
    public static Path check(String out, List<String> localInputs) {
        if (out == null || out.isBlank()) {
            throw new UnusableOutput("--out is empty; name the directory to write the outputs into");
        }
        if (isS3(out)) {
            throw new UnusableOutput("--out " + out + " is an S3 location; checkS3 checks those");
        }
        Path dir = Path.of(out).toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UnusableOutput("--out is not a directory: " + dir);
        }
        Path realOut = real(dir);
        for (String input : localInputs) {
            Path realIn = real(Path.of(input).toAbsolutePath().normalize());
            if (realOut.equals(realIn)) {
                throw new UnusableOutput("--out " + dir + " is the input " + input + "; write the outputs elsewhere");
            }
            if (realOut.startsWith(realIn)) {
                throw new UnusableOutput("--out " + dir + " is inside the input " + input
                        + "; a later run would read these outputs as input");
            }
            if (realIn.startsWith(realOut)) {
                throw new UnusableOutput("the input " + input + " is inside --out " + dir
                        + "; keep inputs and outputs in separate directories");
            }
        }
        return dir;
    }

    /** Whether {@code --out} names an S3 location. */
    public static boolean isS3(String out) {
        return out != null && out.startsWith("s3://");
    }

    /**
     * The S3 location of an {@code s3://bucket[/prefix]} {@code --out}.
     *
     * @throws UnusableOutput when it names no bucket
     */
    public static S3Location checkS3(String out) {
        try {
            return S3Location.parse(out);
        } catch (IllegalArgumentException e) {
            throw new UnusableOutput("--out " + out + ": " + e.getMessage() + "; give s3://bucket/prefix");
        }
    }

    /** The local paths among the inputs: log sources, IAM snapshot and cluster snapshots. */
    static List<String> localInputs(AnalyzeOptions o) {
        return localInputs(o.cloudTrail(), o.k8sAudit(), o.iamSnapshots(), o.clusterSnapshots());
    }

    /** The local paths among inputs given as on the command line ({@code [CLUSTER=]SRC} and the like). */
    public static List<String> localInputs(
            List<String> cloudTrail, List<String> k8sAudit, List<String> iamSnapshots, List<String> clusterSnapshots) {
        List<String> paths = new ArrayList<>(cloudTrail);
        k8sAudit.forEach(a -> paths.add(InputLister.Source.audit(a).location()));
        if (!iamSnapshots.isEmpty()) {
            paths.addAll(iamSnapshots);
        }
        for (String s : clusterSnapshots) {
            int eq = s.indexOf('=');
            paths.add(eq > 0 && !s.substring(0, eq).contains("/") ? s.substring(eq + 1) : s);
        }
        paths.removeIf(p -> p.isBlank() || p.startsWith("s3://"));
        return paths;
    }

    /** The path with symbolic links resolved in its longest existing prefix; the rest appended as written. */
    static Path real(Path absolute) {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute; // unreadable: compare as written; listing the input reports the problem
        }
    }
}
