package io.trailtailor.flink.source.sqs;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SQS queue URL, {@code https://sqs.<region>.amazonaws.com/<account>/<name>}: checked on the client so that a typo
 * on {@code --sqs} is a usage error, not a failing job. The region is known only for AWS's own host names (public,
 * legacy {@code <region>.queue.amazonaws.com} and VPC endpoint names); for any other host (an SQS-compatible server)
 * the caller supplies it.
 */
public record QueueUrl(String url, Optional<String> hostRegion, String account, String name) {

    private static final Pattern URL =
            Pattern.compile("^https?://([^/\\s?#]+)/(\\d{12})/([A-Za-z0-9_-]{1,80}(\\.fifo)?)$");
    private static final String REGION = "([a-z]{2}(?:-[a-z]+)+-\\d)";
    private static final Pattern AWS_HOST =
            Pattern.compile("^(?:.+\\.)?sqs\\." + REGION + "\\.(?:vpce\\.)?amazonaws\\.com(?:\\.cn)?$");
    private static final Pattern LEGACY_HOST = Pattern.compile("^" + REGION + "\\.queue\\.amazonaws\\.com(?:\\.cn)?$");

    /** @throws IllegalArgumentException when {@code url} is no queue URL */
    public static QueueUrl parse(String url) {
        Matcher m = url == null ? null : URL.matcher(url);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "not an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME): " + url);
        }
        String host = URI.create(url).getHost();
        host = host == null ? m.group(1) : host.toLowerCase(Locale.ROOT);
        Optional<String> region = Optional.empty();
        for (Pattern p : new Pattern[] {AWS_HOST, LEGACY_HOST}) {
            Matcher h = p.matcher(host);
            if (h.matches()) {
                region = Optional.of(h.group(1));
            }
        }
        return new QueueUrl(url, region, m.group(2), m.group(3));
    }

    /** The region to sign for: the host's, else {@code fallback} (e.g. {@code --s3-region}), else us-east-1. */
    public String region(String fallback) {
        return hostRegion.orElse(fallback != null ? fallback : "us-east-1");
    }
}
