package io.trailtailor.flink.options;

import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.policy.ActionWildcards;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Every knob of {@code analyze}, typed and in one place. The effective values are written into
 * {@code summary.json}, so a report always says how it was made.
 *
 * @param clusterOidcIssuers {@code NAME=ISSUER} pairs naming the cluster behind an OIDC issuer
 * @param parallelism parallel readers and writers; defaults to the machine's cores
 * @param jobManager {@code host:port} of a running Flink cluster's REST endpoint, or null to run embedded
 * @param includeDenied also grant calls (and Kubernetes requests) that were denied; they are always listed
 * @param s3PrefixThreshold generalize S3 object ARNs to {@code bucket/prefix/*} past this many keys; 0 never
 * @param actionWildcards whether action lists may use wildcards that are exact at the catalog version
 * @param rbacResourceNames restrict RBAC rules to {@code resourceNames} when at most this many were used; 0 never
 * @param includeHidden also read hidden files and directories of local sources (names starting with '.')
 * @param findings the inputs and knobs of over-privilege findings ({@code --credential-report}, {@code --baseline},
 *     {@code --mute}, {@code --min-window})
 */
public record AnalyzeOptions(
        List<String> cloudTrail,
        List<String> k8sAudit,
        List<String> iamSnapshots,
        List<String> clusterSnapshots,
        List<String> clusterOidcIssuers,
        LocalDate from,
        LocalDate to,
        Set<String> accounts,
        Set<String> regions,
        String out,
        int parallelism,
        String jobManager,
        S3Settings s3,
        boolean includeDenied,
        int s3PrefixThreshold,
        ActionWildcards actionWildcards,
        int rbacResourceNames,
        boolean includeHidden,
        Findings findings)
        implements Serializable {

    /**
     * The findings' own options; paths as given, null when absent.
     *
     * @param minWindow the shortest window over which "unused" is said with HIGH confidence
     */
    public record Findings(String credentialReport, String baseline, String mute, java.time.Duration minWindow)
            implements Serializable {

        public Findings {
            minWindow = minWindow == null ? io.trailtailor.findings.FindingsOptions.DEFAULT_MIN_WINDOW : minWindow;
        }

        public static Findings defaults() {
            return new Findings(null, null, null, null);
        }
    }

    public static final int DEFAULT_S3_PREFIX_THRESHOLD = 20;
    public static final int DEFAULT_RBAC_RESOURCE_NAMES = 5;

    /** These options with another {@code --out} (a run to S3 writes into a local staging directory first). */
    public AnalyzeOptions withOut(String newOut) {
        return new AnalyzeOptions(
                cloudTrail,
                k8sAudit,
                iamSnapshots,
                clusterSnapshots,
                clusterOidcIssuers,
                from,
                to,
                accounts,
                regions,
                newOut,
                parallelism,
                jobManager,
                s3,
                includeDenied,
                s3PrefixThreshold,
                actionWildcards,
                rbacResourceNames,
                includeHidden,
                findings);
    }

    public AnalyzeOptions {
        if (s3PrefixThreshold < 0 || rbacResourceNames < 0) {
            throw new IllegalArgumentException("thresholds must be >= 0");
        }
        actionWildcards = actionWildcards == null ? ActionWildcards.NEVER : actionWildcards;
        cloudTrail = List.copyOf(cloudTrail);
        k8sAudit = List.copyOf(k8sAudit);
        iamSnapshots = iamSnapshots == null ? List.of() : List.copyOf(iamSnapshots);
        clusterSnapshots = List.copyOf(clusterSnapshots);
        clusterOidcIssuers = List.copyOf(clusterOidcIssuers);
        accounts = Set.copyOf(accounts);
        regions = Set.copyOf(regions);
        findings = findings == null ? Findings.defaults() : findings;
    }

    /** Every option but the findings', which are at their defaults. */
    public AnalyzeOptions(
            List<String> cloudTrail,
            List<String> k8sAudit,
            List<String> iamSnapshots,
            List<String> clusterSnapshots,
            List<String> clusterOidcIssuers,
            LocalDate from,
            LocalDate to,
            Set<String> accounts,
            Set<String> regions,
            String out,
            int parallelism,
            String jobManager,
            S3Settings s3,
            boolean includeDenied,
            int s3PrefixThreshold,
            ActionWildcards actionWildcards,
            int rbacResourceNames,
            boolean includeHidden) {
        this(
                cloudTrail,
                k8sAudit,
                iamSnapshots,
                clusterSnapshots,
                clusterOidcIssuers,
                from,
                to,
                accounts,
                regions,
                out,
                parallelism,
                jobManager,
                s3,
                includeDenied,
                s3PrefixThreshold,
                actionWildcards,
                rbacResourceNames,
                includeHidden,
                Findings.defaults());
    }

    /** The options of the input stage only; policy, RBAC and hidden-file knobs at their defaults. */
    public AnalyzeOptions(
            List<String> cloudTrail,
            List<String> k8sAudit,
            List<String> iamSnapshots,
            List<String> clusterSnapshots,
            List<String> clusterOidcIssuers,
            LocalDate from,
            LocalDate to,
            Set<String> accounts,
            Set<String> regions,
            String out,
            int parallelism,
            String jobManager,
            S3Settings s3) {
        this(
                cloudTrail,
                k8sAudit,
                iamSnapshots,
                clusterSnapshots,
                clusterOidcIssuers,
                from,
                to,
                accounts,
                regions,
                out,
                parallelism,
                jobManager,
                s3,
                false,
                DEFAULT_S3_PREFIX_THRESHOLD,
                ActionWildcards.NEVER,
                DEFAULT_RBAC_RESOURCE_NAMES,
                false);
    }

    public KeyFilter keyFilter() {
        return new KeyFilter(from, to, accounts, regions);
    }

    /** Options accepted and validated now whose feature arrives in a later release. */
    public List<String> unusedYet() {
        List<String> unused = new java.util.ArrayList<>();
        return unused;
    }

    /** How far audit and CloudTrail clocks may disagree when a pod's lifetime is matched to a session or call. */
    public long clockSkewMillis() {
        return io.trailtailor.identity.Attributor.DEFAULT_SKEW.toMillis();
    }
}
