package io.trailtailor.flink.input;

import java.io.Serializable;
import java.net.URI;
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
 */
public record S3Settings(String region, String endpoint, boolean pathStyle, String testAccessKey, String testSecretKey)
        implements Serializable {

    public static S3Settings defaults() {
        return new S3Settings(null, null, false, null, null);
    }

    public S3Client client() {
        var builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
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

    /** What may be shown of these settings (never the keys). */
    @Override
    public String toString() {
        return "S3Settings[region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle + "]";
    }
}
