package io.trailtailor.flink.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/** Opens an input file's raw bytes, from the local file system or from S3; one S3 client per task, made lazily. */
public final class LogFileOpener implements Serializable, AutoCloseable {

    private final S3Settings s3Settings;
    private transient S3Client s3;

    public LogFileOpener(S3Settings s3Settings) {
        this.s3Settings = s3Settings;
    }

    public InputStream open(InputFile file) throws IOException {
        if (!file.isS3()) {
            return Files.newInputStream(Path.of(file.uri));
        }
        S3Location where = S3Location.parse(file.uri);
        if (s3 == null) {
            s3 = s3Settings.client();
        }
        try {
            return s3.getObject(GetObjectRequest.builder()
                    .bucket(where.bucket())
                    .key(where.key())
                    .build());
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }
}
