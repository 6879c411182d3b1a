package io.trailtailor.policy;

/**
 * Every knob of IAM policy synthesis; each widening of what was observed is one of these, off or bounded by default.
 *
 * @param s3PrefixThreshold generalize the S3 object ARNs under a key prefix to one pattern
 *     ({@code arn:aws:s3:::bucket/prefix/*}, or {@code .../prefix/*}{@code /part-*.parquet} where the keys share a
 *     shape) when that prefix has more than this many distinct children (keys and sub-prefixes), at any depth of
 *     the key tree ({@link S3KeyTree}; never wider than a prefix used, never across buckets); 0 never generalizes S3
 *     keys, not even to fit {@code widenToFit}. Default 20.
 * @param actionWildcards whether exact-at-catalog-version action wildcards may replace action lists. Default
 *     {@link ActionWildcards#NEVER}.
 * @param includeDenied also grant calls that were denied (always reported separately). Default false.
 * @param maxPolicySize the IAM size limit each document must stay under, in non-whitespace characters. Default
 *     6,144 (customer managed policy); use 10,240 for a role's inline policies, 2,048 for a user's.
 * @param scopeWildcardOnlyActions when false (default), actions the catalog marks as supporting no resource-level
 *     scoping get {@code "Resource": "*"}, the only form IAM honours for them; true keeps the observed ARN (for
 *     callers whose catalog is stale).
 * @param widenToFit when true (default) and the policy needs more than one document, collapse further S3 key
 *     prefixes, narrowest first, until it fits one document of {@code maxPolicySize}, never wider than the bucket;
 *     when no such widening makes it fit, the policy stays as split and is reported over budget
 */
public record SynthesisOptions(
        int s3PrefixThreshold,
        ActionWildcards actionWildcards,
        boolean includeDenied,
        int maxPolicySize,
        boolean scopeWildcardOnlyActions,
        boolean widenToFit) {

    public static final int MANAGED_POLICY_LIMIT = 6_144;

    public SynthesisOptions {
        if (s3PrefixThreshold < 0) throw new IllegalArgumentException("s3PrefixThreshold must be >= 0");
        if (actionWildcards == null) actionWildcards = ActionWildcards.NEVER;
        if (maxPolicySize < 200) throw new IllegalArgumentException("maxPolicySize is too small: " + maxPolicySize);
    }

    /** Options without {@code widenToFit} (on). */
    public SynthesisOptions(
            int s3PrefixThreshold,
            ActionWildcards actionWildcards,
            boolean includeDenied,
            int maxPolicySize,
            boolean scopeWildcardOnlyActions) {
        this(s3PrefixThreshold, actionWildcards, includeDenied, maxPolicySize, scopeWildcardOnlyActions, true);
    }

    public static SynthesisOptions defaults() {
        return new SynthesisOptions(20, ActionWildcards.NEVER, false, MANAGED_POLICY_LIMIT, false, true);
    }

    public SynthesisOptions withS3PrefixThreshold(int n) {
        return new SynthesisOptions(
                n, actionWildcards, includeDenied, maxPolicySize, scopeWildcardOnlyActions, widenToFit);
    }

    public SynthesisOptions withActionWildcards(ActionWildcards w) {
        return new SynthesisOptions(
                s3PrefixThreshold, w, includeDenied, maxPolicySize, scopeWildcardOnlyActions, widenToFit);
    }

    public SynthesisOptions withIncludeDenied(boolean b) {
        return new SynthesisOptions(
                s3PrefixThreshold, actionWildcards, b, maxPolicySize, scopeWildcardOnlyActions, widenToFit);
    }

    public SynthesisOptions withMaxPolicySize(int n) {
        return new SynthesisOptions(
                s3PrefixThreshold, actionWildcards, includeDenied, n, scopeWildcardOnlyActions, widenToFit);
    }

    public SynthesisOptions withWidenToFit(boolean b) {
        return new SynthesisOptions(
                s3PrefixThreshold, actionWildcards, includeDenied, maxPolicySize, scopeWildcardOnlyActions, b);
    }
}
