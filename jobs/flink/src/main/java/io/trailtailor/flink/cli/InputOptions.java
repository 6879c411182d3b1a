package io.trailtailor.flink.cli;

import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.OutputLocation;
import io.trailtailor.flink.output.UnusableOutput;
import io.trailtailor.identity.ClusterSnapshots;
import io.trailtailor.policy.ActionWildcards;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The inputs and engine options shared by {@code analyze} and {@code monitor}, with their validation. */
public final class InputOptions {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern HOST_PORT = Pattern.compile("[^:\\s]+:\\d{1,5}");

    @Option(
            names = "--cloudtrail",
            paramLabel = "SRC",
            description =
                    "CloudTrail logs: a file, a directory (searched recursively) or s3://bucket/prefix. Repeatable.")
    List<String> cloudTrail = new ArrayList<>();

    @Option(
            names = "--k8s-audit",
            paramLabel = "[CLUSTER=]SRC",
            description = "EKS/Kubernetes audit logs, optionally naming their cluster. Repeatable.")
    List<String> k8sAudit = new ArrayList<>();

    @Option(
            names = "--iam-snapshot",
            paramLabel = "PATH",
            description = "Output of 'aws iam get-account-authorization-details': a file, or a directory of them"
                    + " (one per account or pagination piece; repeatable). Granted vs used.")
    List<Path> iamSnapshots = new ArrayList<>();

    @Option(
            names = "--cluster-snapshot",
            paramLabel = "[CLUSTER=]PATH",
            description = "'aws eks describe-cluster' JSON: a file, or a directory of them (other files are"
                    + " reported in summary.json). Repeatable.")
    List<String> clusterSnapshots = new ArrayList<>();

    @Option(
            names = "--credential-report",
            paramLabel = "FILE",
            description = "CSV of 'aws iam get-credential-report' (decoded): unused access keys and passwords.")
    Path credentialReport;

    @Option(
            names = "--baseline",
            paramLabel = "PATH",
            description = "An earlier analyze output directory, or its findings.json: findings are marked new or"
                    + " unchanged and the resolved ones listed.")
    Path baseline;

    @Option(
            names = "--mute",
            paramLabel = "FILE",
            description = "JSON or YAML list of {fingerprint, reason}: findings muted with the reviewer's reason.")
    Path mute;

    @Option(
            names = "--min-window",
            paramLabel = "DURATION",
            description = "Shortest window over which a grant is called unused with HIGH confidence (e.g. 7d, 36h;"
                    + " default 7d).")
    String minWindow;

    @Option(
            names = "--cluster",
            paramLabel = "NAME=OIDC_ISSUER",
            description = "Names the cluster behind an OIDC issuer URL. Repeatable.")
    List<String> clusters = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DATE", description = "First day (YYYY-MM-DD, UTC) of CloudTrail to read.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day (YYYY-MM-DD, UTC) of CloudTrail to read.")
    String to;

    @Option(names = "--accounts", paramLabel = "ID", split = ",", description = "Only these accounts' CloudTrail.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--regions", paramLabel = "R", split = ",", description = "Only these regions' CloudTrail.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    String out;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallel tasks (default: all cores).")
    Integer parallelism;

    @Option(
            names = "--jobmanager",
            paramLabel = "HOST:PORT",
            description = "Submit to a running Flink 1.20 cluster (its REST address) instead of running embedded.")
    String jobManager;

    @Option(
            names = "--s3-region",
            paramLabel = "REGION",
            description = "Region of the S3 client (default us-east-1," + " with cross-region access).")
    String s3Region;

    @Option(
            names = "--s3-endpoint",
            paramLabel = "URL",
            description = "S3-compatible endpoint, e.g. for a local server.")
    String s3Endpoint;

    @Option(names = "--s3-path-style", description = "Use path-style S3 addressing (S3-compatible servers).")
    boolean s3PathStyle;

    @Option(
            names = "--include-denied",
            description = "Also grant calls and Kubernetes requests that were denied (always listed either way).")
    boolean includeDenied;

    @Option(
            names = "--s3-prefix-threshold",
            paramLabel = "N",
            description =
                    "Generalize S3 object ARNs to"
                            + " bucket/prefix/* when more than N distinct keys were used under one prefix; 0 never (default 20).")
    String s3PrefixThreshold;

    @Option(
            names = "--action-wildcards",
            paramLabel = "never|exact",
            description = "'exact' lets action lists use"
                    + " wildcards that match only used actions at the pinned IAM catalog version (default never).")
    String actionWildcards;

    @Option(
            names = "--rbac-resource-names",
            paramLabel = "N",
            description = "Restrict RBAC rules to resourceNames"
                    + " when at most N object names were used; 0 never (default 5).")
    String rbacResourceNames;

    @Option(
            names = "--include-hidden",
            description = "Also read hidden files and directories (names starting with '.') of local inputs;"
                    + " by default they are skipped and counted.")
    boolean includeHidden;

    @Option(
            names = "--s3-timeout",
            paramLabel = "DURATION",
            description = "Bound on every S3 call: connect, each wait for data, the whole call with retries"
                    + " (e.g. 2s, 500ms, 1m; default 30s).")
    String s3Timeout;

    /** Validated options; a {@link UsageError} names the first problem. */
    AnalyzeOptions toOptions() {
        return toOptions(false);
    }

    /**
     * As {@link #toOptions()}; with {@code otherSources} (monitor's {@code --sqs}/{@code --kinesis}) no file input is
     * needed.
     */
    AnalyzeOptions toOptions(boolean otherSources) {
        if (cloudTrail.isEmpty() && k8sAudit.isEmpty() && !otherSources) {
            throw new UsageError("no input: give --cloudtrail SRC and/or --k8s-audit [CLUSTER=]SRC");
        }
        refuseEmptySources();
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        if (p < 1 || p > 1024) {
            throw new UsageError("--parallelism must be between 1 and 1024, not " + p);
        }
        LocalDate fromDate = date("--from", from);
        LocalDate toDate = date("--to", to);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            throw new UsageError("--to " + to + " is before --from " + from);
        }
        Set<String> accountSet = new LinkedHashSet<>();
        for (String a : accounts) {
            if (!ACCOUNT.matcher(a.trim()).matches()) {
                throw new UsageError("--accounts: not a 12-digit AWS account id: " + a);
            }
            accountSet.add(a.trim());
        }
        Set<String> regionSet = new LinkedHashSet<>();
        for (String r : regions) {
            if (!REGION.matcher(r.trim()).matches()) {
                throw new UsageError("--regions: not an AWS region name: " + r);
            }
            regionSet.add(r.trim());
        }
        for (String c : clusters) {
            int eq = c.indexOf('=');
            if (eq <= 0 || eq == c.length() - 1) {
                throw new UsageError("--cluster must be NAME=OIDC_ISSUER, not " + c);
            }
        }
        for (Path snapshot : iamSnapshots) {
            if (!Files.isDirectory(snapshot)) {
                readableFile("--iam-snapshot", snapshot);
            }
        }
        if (credentialReport != null) {
            readableFile("--credential-report", credentialReport);
        }
        if (mute != null) {
            readableFile("--mute", mute);
        }
        if (baseline != null && !Files.isDirectory(baseline)) {
            readableFile("--baseline", baseline);
        }
        java.time.Duration window = minWindow(minWindow);
        for (String s : clusterSnapshots) {
            Path snapshot = ClusterSnapshots.pathOf(s);
            if (!Files.isDirectory(snapshot)) {
                readableFile("--cluster-snapshot", snapshot);
            }
        }
        for (String a : k8sAudit) {
            int eq = a.indexOf('=');
            if (eq == 0 || a.endsWith("=")) {
                throw new UsageError("--k8s-audit must be [CLUSTER=]SRC, not " + a);
            }
        }
        if (jobManager != null && !HOST_PORT.matcher(jobManager).matches()) {
            throw new UsageError("--jobmanager must be HOST:PORT, not " + jobManager);
        }
        if (s3Endpoint != null && !s3Endpoint.matches("https?://.+")) {
            throw new UsageError("--s3-endpoint must be an http(s) URL, not " + s3Endpoint);
        }
        S3Settings s3 = new S3Settings(
                s3Region,
                s3Endpoint,
                s3PathStyle,
                System.getenv("TRAILTAILOR_S3_TEST_ACCESS_KEY"),
                System.getenv("TRAILTAILOR_S3_TEST_SECRET_KEY"),
                s3Timeout());
        int prefixThreshold =
                count("--s3-prefix-threshold", s3PrefixThreshold, AnalyzeOptions.DEFAULT_S3_PREFIX_THRESHOLD);
        int resourceNames =
                count("--rbac-resource-names", rbacResourceNames, AnalyzeOptions.DEFAULT_RBAC_RESOURCE_NAMES);
        ActionWildcards wildcards = switch (actionWildcards == null ? "never" : actionWildcards) {
            case "never" -> ActionWildcards.NEVER;
            case "exact" -> ActionWildcards.EXACT_AT_CATALOG_VERSION;
            default -> throw new UsageError("--action-wildcards must be never or exact, not " + actionWildcards);
        };
        // absolute, because a cluster's task managers write it from their own working directory
        String outDir;
        try {
            outDir = OutputLocation.isS3(out)
                    ? OutputLocation.checkS3(out).uri()
                    : OutputLocation.check(
                                    out,
                                    OutputLocation.localInputs(
                                            cloudTrail,
                                            k8sAudit,
                                            iamSnapshots.stream()
                                                    .map(Path::toString)
                                                    .toList(),
                                            clusterSnapshots))
                            .toString();
        } catch (UnusableOutput e) {
            throw new UsageError(e.getMessage());
        }
        return new AnalyzeOptions(
                cloudTrail,
                k8sAudit,
                iamSnapshots.stream().map(Path::toString).toList(),
                clusterSnapshots,
                clusters,
                fromDate,
                toDate,
                accountSet,
                regionSet,
                outDir,
                p,
                jobManager,
                s3,
                includeDenied,
                prefixThreshold,
                wildcards,
                resourceNames,
                includeHidden,
                new AnalyzeOptions.Findings(
                        credentialReport == null ? null : credentialReport.toString(),
                        baseline == null ? null : baseline.toString(),
                        mute == null ? null : mute.toString(),
                        window));
    }

    private static final Pattern WINDOW = Pattern.compile("(\\d{1,6})([dhms])");

    /** {@code --min-window}: a whole number of days, hours, minutes or seconds ({@code 7d}, {@code 36h}). */
    static java.time.Duration minWindow(String text) {
        if (text == null) {
            return io.trailtailor.findings.FindingsOptions.DEFAULT_MIN_WINDOW;
        }
        java.util.regex.Matcher m = WINDOW.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            java.time.Duration d = switch (m.group(2)) {
                case "d" -> java.time.Duration.ofDays(n);
                case "h" -> java.time.Duration.ofHours(n);
                case "m" -> java.time.Duration.ofMinutes(n);
                default -> java.time.Duration.ofSeconds(n);
            };
            if (!d.isZero()) {
                return d;
            }
        }
        throw new UsageError("--min-window must be a duration such as 7d, 36h or 90m, not " + text);
    }

    /** An empty source would be the working directory: whatever sits there (dot files included) is not a log. */
    private void refuseEmptySources() {
        for (String c : cloudTrail) {
            if (c.isBlank()) {
                throw new UsageError("--cloudtrail needs a file, directory or s3:// URI, not an empty string");
            }
        }
        for (String a : k8sAudit) {
            if (a.isBlank()) {
                throw new UsageError("--k8s-audit needs a file, directory or s3:// URI, not an empty string");
            }
        }
    }

    private java.time.Duration s3Timeout() {
        if (s3Timeout == null) {
            return S3Settings.DEFAULT_TIMEOUT;
        }
        java.time.Duration d = io.trailtailor.flink.input.S3Durations.parse(s3Timeout);
        if (d == null || d.isZero() || d.compareTo(java.time.Duration.ofHours(1)) > 0) {
            throw new UsageError(
                    "--s3-timeout must be a duration from 1ms to 1h such as 2s or 500ms, not " + s3Timeout);
        }
        return d;
    }

    /** A non-negative whole number option, or its default when absent. */
    private static int count(String option, String value, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageError(option + " must be a whole number from 0 to 1000000, not " + value);
    }

    private static LocalDate date(String option, String value) {
        if (value == null) {
            return null;
        }
        // the whole value, strictly: "2026-11-01garbage" or "+2026-11-01" is a typo, not a date
        if (DATE.matcher(value).matches()) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new UsageError(option + " must be a date YYYY-MM-DD, not " + value);
    }

    private static void readableFile(String option, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageError(option + ": not a readable file: " + file);
        }
    }
}
