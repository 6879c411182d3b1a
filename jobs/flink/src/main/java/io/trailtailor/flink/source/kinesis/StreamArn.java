package io.trailtailor.flink.source.kinesis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kinesis data stream ARN, {@code arn:<partition>:kinesis:<region>:<account>:stream/<name>}: checked on the client
 * so that a typo on {@code --kinesis} is a usage error, not a failing job.
 */
public record StreamArn(String arn, String region, String account, String name) {

    private static final Pattern ARN =
            Pattern.compile("^arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\\d{12}):stream/([A-Za-z0-9_.-]{1,128})$");

    public static StreamArn parse(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "not a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>): " + arn);
        }
        return new StreamArn(arn, m.group(1), m.group(2), m.group(3));
    }
}
