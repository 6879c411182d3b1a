package io.trailtailor.flink.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/** Small, real-shaped CloudTrail log files ({@code {"Records":[...]}}, gzip'd) with the event ids a test chooses. */
public final class TrailFiles {

    public static final String ACCOUNT = "111122223333";

    private TrailFiles() {}

    /** Ids {@code prefix-0 .. prefix-(n-1)}. */
    public static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    /** A trail file holding one AssumedRole {@code s3:GetObject} call per id, a second apart from {@code start}. */
    public static byte[] gz(List<String> eventIds, Instant start) {
        String records = IntStream.range(0, eventIds.size())
                .mapToObj(i -> record(eventIds.get(i), start.plusSeconds(i)))
                .collect(Collectors.joining(","));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(("{\"Records\":[" + records + "]}").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The key of a trail file delivered on {@code day} (YYYY/MM/DD) in the CloudTrail layout. */
    public static String key(String day, String name) {
        return "AWSLogs/" + ACCOUNT + "/CloudTrail/us-east-1/" + day + "/" + ACCOUNT + "_CloudTrail_us-east-1_" + name
                + ".json.gz";
    }

    private static String record(String id, Instant time) {
        return """
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole",\
                "principalId":"AROAEXAMPLEID:app","arn":"arn:aws:sts::%1$s:assumed-role/app/app",\
                "accountId":"%1$s","accessKeyId":"ASIAEXAMPLEKEY","sessionContext":{"sessionIssuer":\
                {"type":"Role","principalId":"AROAEXAMPLEID","arn":"arn:aws:iam::%1$s:role/app",\
                "accountId":"%1$s","userName":"app"},"attributes":{"creationDate":"2026-11-03T00:00:00Z",\
                "mfaAuthenticated":"false"}}},"eventTime":"%2$s","eventSource":"s3.amazonaws.com",\
                "eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"10.0.0.1",\
                "userAgent":"aws-sdk-java","requestParameters":{"bucketName":"data","key":"k"},\
                "responseElements":null,"requestID":"R%3$s","eventID":"%3$s","eventType":"AwsApiCall",\
                "recipientAccountId":"%1$s"}""".formatted(ACCOUNT, time, id);
    }
}
