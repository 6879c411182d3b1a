package io.trailtailor.flink.input;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3 API (s3proxy over a temporary directory) on 127.0.0.1, for tests that read logs from S3 with the AWS
 * SDK exactly as they would from AWS. Signature V4 authentication is on, with throwaway test keys.
 */
public final class LoopbackS3 implements AutoCloseable {

    private static final String ACCESS_KEY = "AKIDLOOPBACKTEST";
    private static final String SECRET_KEY = "loopback-test-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final S3Client client;

    public LoopbackS3(Path dir) throws Exception {
        Properties props = new Properties();
        props.setProperty(
                "jclouds.filesystem.basedir", Files.createDirectories(dir).toString());
        context = ContextBuilder.newBuilder("filesystem")
                .credentials("identity", "credential")
                .overrides(props)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(5);
        }
        client = settings().client();
    }

    /** How the pipeline reaches this server. */
    public S3Settings settings() {
        return new S3Settings("us-east-1", "http://127.0.0.1:" + proxy.getPort(), true, ACCESS_KEY, SECRET_KEY);
    }

    public void createBucket(String bucket) {
        client.createBucket(CreateBucketRequest.builder().bucket(bucket).build());
    }

    public void put(String bucket, String key, byte[] bytes) {
        client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromBytes(bytes));
    }

    /** Uploads every file under {@code dir} to {@code bucket} under {@code prefix}, keeping relative paths. */
    public void putTree(String bucket, String prefix, Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                put(bucket, prefix + dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
        context.close();
    }
}
