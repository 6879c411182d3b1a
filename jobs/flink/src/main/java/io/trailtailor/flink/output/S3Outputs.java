package io.trailtailor.flink.output;

import io.trailtailor.flink.input.S3Location;
import io.trailtailor.flink.input.S3Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code --out s3://bucket/prefix}: what one run owns there, by the same manifest rule as a local {@code --out}
 * ({@link OwnedOutputs}). The run writes into a local staging directory; only once it has succeeded does
 * {@link #publish} upload it: first a manifest saying the run is in progress (so a publish that dies still says
 * which objects were not its own), then every file, then the removal of the last run's objects this run did not
 * write again, and last the complete manifest. A failed run uploads nothing, so readers never see half a run's
 * JSON; a reader who lists between two publishes sees the old run's files or the new one's, file by file.
 */
public final class S3Outputs {

    private final S3Settings settings;
    private final S3Location root;
    private final OwnedOutputs.Ownership ownership;

    private S3Outputs(S3Settings settings, S3Location root, OwnedOutputs.Ownership ownership) {
        this.settings = settings;
        this.root = root;
        this.ownership = ownership;
    }

    /**
     * The last run's objects and everyone else's under {@code root}; changes nothing.
     *
     * @throws UnusableOutput when an object nobody listed sits where this run may write
     */
    public static S3Outputs inspect(S3Settings settings, S3Location root) {
        try (S3Client client = settings.client()) {
            Optional<Manifest> manifest = readManifest(client, root);
            return new S3Outputs(settings, root, OwnedOutputs.Ownership.of(manifest, list(client, root)));
        }
    }

    /** Objects under the output paths that nobody's manifest lists, sorted; they are left alone. */
    public List<String> notOwned() {
        return List.copyOf(ownership.notOwned());
    }

    /**
     * Uploads what a finished run wrote under {@code staging} (the contract's output paths only, never the scratch
     * directory) and retires the last run's objects.
     *
     * @return the relative paths published
     */
    public List<String> publish(Path staging) throws IOException {
        try (S3Client client = settings.client()) {
            return publish(client, staging);
        }
    }

    private List<String> publish(S3Client client, Path staging) throws IOException {
        put(client, OutputLayout.MANIFEST, Manifest.inProgress(notOwned()).toBytes());
        List<String> written = new ArrayList<>();
        for (String rel : OwnedOutputs.scan(staging)) {
            if (rel.equals(OutputLayout.WORK) || rel.startsWith(OutputLayout.WORK + "/")) {
                continue;
            }
            client.putObject(
                    PutObjectRequest.builder()
                            .bucket(root.bucket())
                            .key(key(rel))
                            .build(),
                    RequestBody.fromFile(staging.resolve(rel)));
            written.add(rel);
        }
        List<String> stale = new ArrayList<>(ownership.owned());
        stale.removeAll(written);
        delete(client, stale);
        put(client, OutputLayout.MANIFEST, Manifest.complete(written).toBytes());
        return written;
    }

    private void put(S3Client client, String rel, byte[] bytes) {
        client.putObject(
                PutObjectRequest.builder().bucket(root.bucket()).key(key(rel)).build(), RequestBody.fromBytes(bytes));
    }

    private void delete(S3Client client, List<String> rels) {
        // DeleteObjects takes at most 1,000 keys per call; some S3-compatible stores do not implement it (501), and
        // there each object goes on its own
        for (int i = 0; i < rels.size(); i += 1000) {
            List<String> batch = rels.subList(i, Math.min(rels.size(), i + 1000));
            try {
                client.deleteObjects(DeleteObjectsRequest.builder()
                        .bucket(root.bucket())
                        .delete(Delete.builder()
                                .objects(batch.stream()
                                        .map(rel -> ObjectIdentifier.builder()
                                                .key(key(rel))
                                                .build())
                                        .toList())
                                .quiet(true)
                                .build())
                        .build());
            } catch (S3Exception e) {
                if (e.statusCode() != 501) {
                    throw e;
                }
                for (String rel : batch) {
                    client.deleteObject(DeleteObjectRequest.builder()
                            .bucket(root.bucket())
                            .key(key(rel))
                            .build());
                }
            }
        }
    }

    private String key(String rel) {
        return prefix(root) + rel;
    }

    private static String prefix(S3Location root) {
        String key = root.key() == null ? "" : root.key();
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    private static Optional<Manifest> readManifest(S3Client client, S3Location root) {
        try {
            byte[] bytes = client.getObjectAsBytes(GetObjectRequest.builder()
                            .bucket(root.bucket())
                            .key(prefix(root) + OutputLayout.MANIFEST)
                            .build())
                    .asByteArray();
            return Optional.of(Manifest.parse(bytes));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        }
    }

    /** Relative paths of the objects under the contract's output paths (one listing per root, paged). */
    private static SortedSet<String> list(S3Client client, S3Location root) {
        SortedSet<String> present = new TreeSet<>();
        String prefix = prefix(root);
        for (String top : OutputLayout.ROOTS) {
            ListObjectsV2Request request = ListObjectsV2Request.builder()
                    .bucket(root.bucket())
                    .prefix(prefix + top)
                    .build();
            for (S3Object o : client.listObjectsV2Paginator(request).contents()) {
                String rel = o.key().substring(prefix.length());
                if (rel.endsWith("/")) {
                    continue; // a "folder" marker (the console's, some S3-compatible stores'): no file of anyone's
                }
                if (rel.equals(top) || rel.startsWith(top + "/")) {
                    present.add(rel);
                }
            }
        }
        return present;
    }
}
