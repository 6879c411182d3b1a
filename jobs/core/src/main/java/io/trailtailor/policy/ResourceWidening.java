package io.trailtailor.policy;

import java.util.List;

/**
 * One generalization of observed resources: the observed S3 object ARNs under {@code prefix} are written as
 * {@code pattern}. Reported in the policy's widening sidecar and counted in {@code summary.json}.
 *
 * @param prefix the key-tree node collapsed, e.g. {@code arn:aws:s3:::bucket/input/} (the bucket root ends in
 *     {@code /})
 * @param pattern the resource written instead, e.g. {@code arn:aws:s3:::bucket/input/*}{@code /part-*.parquet}
 * @param observedArns how many distinct observed object ARNs the pattern stands for
 * @param children how many distinct children (keys and sub-prefixes) the node had
 * @param reason why the node was collapsed
 * @param examples the first few covered ARNs, sorted, so a reviewer sees what was collapsed
 */
public record ResourceWidening(
        String prefix, String pattern, int observedArns, int children, Reason reason, List<String> examples) {

    /** Why a node was collapsed. */
    public enum Reason {
        /** The node had more children than {@link SynthesisOptions#s3PrefixThreshold()}. */
        THRESHOLD,
        /** The policy did not fit one document of {@link SynthesisOptions#maxPolicySize()} without it. */
        BUDGET
    }

    /** How many covered ARNs {@link #examples()} keeps. */
    public static final int MAX_EXAMPLES = 3;

    public ResourceWidening {
        examples = List.copyOf(examples);
    }

    /** Why, in words: {@code 150 children > s3PrefixThreshold 20}, or the budget it was collapsed to fit. */
    public String why(SynthesisOptions options) {
        return reason == Reason.THRESHOLD
                ? children + " children > s3PrefixThreshold " + options.s3PrefixThreshold()
                : "collapsed to fit one document of " + options.maxPolicySize() + " characters";
    }

    /** The sentence for {@link SynthesizedPolicy#widenings()}, e.g. in Terraform comments. */
    public String describe(SynthesisOptions options) {
        return pattern + ": " + observedArns + " distinct keys under " + prefix + " (" + why(options) + ")";
    }
}
