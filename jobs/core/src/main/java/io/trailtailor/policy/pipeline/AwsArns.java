package io.trailtailor.policy.pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks the ARNs and URLs a pipeline run names, and turns SQS queue URLs into queue ARNs. */
final class AwsArns {

    private static final Pattern KINESIS_STREAM =
            Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/[A-Za-z0-9_.-]{1,128}");
    private static final Pattern KMS_KEY =
            Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key|alias)/[A-Za-z0-9/_+=,.@-]+");
    // https://sqs.<region>.amazonaws.com[.cn]/<account>/<queue>, a VPC endpoint's
    // https://vpce-<id>.sqs.<region>.vpce.amazonaws.com/..., or the legacy https://<region>.queue.amazonaws.com/...
    // (the hosts monitor's --sqs takes a region from)
    private static final Pattern SQS_URL =
            Pattern.compile("https://(?:(?:[a-z0-9.-]+\\.)?sqs\\.([a-z0-9-]+)(?:\\.vpce)?"
                    + "|([a-z0-9-]+)\\.queue)\\.amazonaws\\.com(\\.cn)?/(\\d{12})/([A-Za-z0-9_-]{1,80}(?:\\.fifo)?)/?");

    private AwsArns() {}

    static String kinesisStream(String arn) {
        if (!KINESIS_STREAM.matcher(arn).matches()) {
            throw new IllegalArgumentException(
                    "--kinesis: not a stream ARN (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME): " + arn);
        }
        return arn;
    }

    static String kmsKey(String arn) {
        if (!KMS_KEY.matcher(arn).matches()) {
            throw new IllegalArgumentException(
                    "--kms-key: not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID): " + arn);
        }
        return arn;
    }

    static String sqsQueue(String url) {
        Matcher m = SQS_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "--sqs: not a queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME): " + url);
        }
        String region = m.group(1) != null ? m.group(1) : m.group(2);
        String partition = m.group(3) != null ? "aws-cn" : "aws";
        return "arn:" + partition + ":sqs:" + region + ":" + m.group(4) + ":" + m.group(5);
    }
}
