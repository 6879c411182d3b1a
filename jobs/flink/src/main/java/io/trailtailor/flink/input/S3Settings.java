package io.trailtailor.flink.input;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How to reach S3, shipped to every task that reads from it. Credentials come from the default provider chain (the
 * instance profile on EMR, IRSA or Pod Identity on Kubernetes); an endpoint override and path-style access serve
 * S3-compatible servers. Static keys exist only for such servers in tests and are never written to any output.
 *
 * @param timeout bounds every S3 call: connecting, each wait for bytes, and the whole call with its retries. An
 *     endpoint that accepts connections and never answers fails after it instead of hanging the run.
 */
public record S3Settings(
        String region, String endpoint, boolean pathStyle, String testAccessKey, String testSecretKey, Duration timeout)
        implements Serializable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public S3Settings {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the S3 timeout must be positive, not " + timeout);
        }
    }

    public S3Settings(String region, String endpoint, boolean pathStyle, String testAccessKey, String testSecretKey) {
        this(region, endpoint, pathStyle, testAccessKey, testSecretKey, DEFAULT_TIMEOUT);
    }

    public static S3Settings defaults() {
        return new S3Settings(null, null, false, null, null);
    }

    public S3Client client() {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeout)
                        .socketTimeout(timeout));
        builder.overrideConfiguration(o -> o.apiCallAttemptTimeout(timeout).apiCallTimeout(timeout));
        builder.region(region != null ? Region.of(region) : Region.US_EAST_1);
        builder.crossRegionAccessEnabled(endpoint == null);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
            // S3-compatible servers often lack the flexible-checksum trailers SDK 2.30+ sends by default
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            builder.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        builder.forcePathStyle(pathStyle);
        builder.credentialsProvider(
                testAccessKey != null
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(testAccessKey, testSecretKey))
                        : DefaultCredentialsProvider.builder().build());
        return builder.build();
    }

    /**
     * The same settings as Flink's S3 file system reads them ({@code s3.*}, forwarded to Hadoop's {@code fs.s3a.*}),
     * for Parquet, alerts and checkpoints written through {@code s3a://} / {@code s3://} paths. For AWS itself only the
     * timeout and the marker retention: the file system then takes its region and credentials from the environment,
     * as the SDK does.
     */
    public java.util.Map<String, String> flinkFileSystemOptions() {
        java.util.Map<String, String> options = new java.util.TreeMap<>();
        if (endpoint != null) {
            options.put("s3.endpoint", endpoint);
            options.put("s3.path.style.access", Boolean.toString(pathStyle));
            if (endpoint.startsWith("http://")) {
                options.put("s3.connection.ssl.enabled", "false");
            }
        }
        if (region != null) {
            options.put("s3.endpoint.region", region);
        }
        if (testAccessKey != null) {
            options.put("s3.access-key", testAccessKey);
            options.put("s3.secret-key", testSecretKey);
        }
        options.put("s3.connection.timeout", Long.toString(timeout.toMillis()));
        // S3A's default deletes the "directory marker" objects above every file it writes, one multi-object delete
        // per file: a dozen sinks committing at every checkpoint make that most of the requests (and s3proxy left
        // some unanswered, hanging a checkpoint); markers kept is what Hadoop recommends for readers of 3.3.1 and
        // later
        options.put("s3.directory.marker.retention", "keep");
        return options;
    }

    /** The endpoint as an error message names it: the override, or AWS's own for the region. */
    public String endpointName() {
        return endpoint != null ? endpoint : "https://s3." + (region != null ? region : "us-east-1") + ".amazonaws.com";
    }

    /** What may be shown of these settings (never the keys). */
    @Override
    public String toString() {
        return "S3Settings[region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle + ", timeout="
                + timeout + "]";
    }
}
