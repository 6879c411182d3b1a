package io.trailtailor.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Committer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer and committer of RefreshedFilesSink on a real directory: nothing is visible before the commit, the
 * newest content per path wins, a retried or restored commit is idempotent, and a later checkpoint replaces the file.
 */
class RefreshedFilesSinkTest {

    @TempDir
    Path out;

    /** Flink's commit request as the committer operator hands it over, recording what the committer signalled. */
    static final class Request implements Committer.CommitRequest<PendingFile> {
        final PendingFile file;
        String outcome = "committed";

        Request(PendingFile file) {
            this.file = file;
        }

        @Override
        public PendingFile getCommittable() {
            return file;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            outcome = "failed: " + t.getMessage();
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            outcome = "failed unknown: " + t.getMessage();
        }

        @Override
        public void retryLater() {
            outcome = "retry";
        }

        @Override
        public void updateAndRetryLater(PendingFile committable) {
            outcome = "retry";
        }

        @Override
        public void signalAlreadyCommitted() {
            outcome = "already committed";
        }
    }

    static List<Request> requests(Collection<PendingFile> files) {
        return files.stream().map(Request::new).toList();
    }

    static void commit(RefreshedFilesCommitter committer, List<Request> requests) throws Exception {
        committer.commit(new ArrayList<>(requests));
    }

    List<String> files() throws Exception {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> out.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void stagesTheNewestContentPerPathHiddenAndCommitsItIntoPlace() throws Exception {
        var writer = new RefreshedFilesWriter(out.toString());
        writer.write(RefreshedFile.of("policies/roles/1/a.json", "v1"), null);
        writer.write(RefreshedFile.of("rbac/prod/sa.shop.orders.yaml", "rbac"), null);
        writer.write(RefreshedFile.of("policies/roles/1/a.json", "v2"), null);
        writer.flush(true);
        Collection<PendingFile> pending = writer.prepareCommit();

        assertThat(pending)
                .extracting(PendingFile::path)
                .containsExactly("policies/roles/1/a.json", "rbac/prod/sa.shop.orders.yaml");
        assertThat(files())
                .hasSize(2)
                .allSatisfy(f -> assertThat(Path.of(f).getFileName().toString())
                        .startsWith(".")
                        .endsWith(".staged"));
        assertThat(writer.prepareCommit()).isEmpty(); // nothing new since

        List<Request> requests = requests(pending);
        commit(new RefreshedFilesCommitter(out.toString()), requests);
        assertThat(requests).extracting(r -> r.outcome).containsOnly("committed");
        assertThat(files()).containsExactly("policies/roles/1/a.json", "rbac/prod/sa.shop.orders.yaml");
        assertThat(Files.readString(out.resolve("policies/roles/1/a.json"))).isEqualTo("v2");
    }

    @Test
    void aRetriedCommitIsIdempotent() throws Exception {
        var writer = new RefreshedFilesWriter(out.toString());
        writer.write(RefreshedFile.of("policies/users/1/bob.json", "v1"), null);
        Collection<PendingFile> pending = writer.prepareCommit();
        var committer = new RefreshedFilesCommitter(out.toString());
        commit(committer, requests(pending));

        List<Request> retry = requests(pending);
        commit(committer, retry);
        assertThat(retry).extracting(r -> r.outcome).containsExactly("already committed");
        assertThat(files()).containsExactly("policies/users/1/bob.json");
        assertThat(Files.readString(out.resolve("policies/users/1/bob.json"))).isEqualTo("v1");
    }

    @Test
    void committablesRestoredFromACheckpointAreCommittedByANewCommitter() throws Exception {
        var writer = new RefreshedFilesWriter(out.toString());
        writer.write(RefreshedFile.of("policies/workloads/prod/shop/orders.tf", "tf"), null);
        PendingFile pending = writer.prepareCommit().iterator().next();
        // the committer operator keeps committables in its state through this serializer
        var serializer = new PendingFile.Serializer();
        PendingFile restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(pending));
        assertThat(restored).isEqualTo(pending);

        List<Request> requests = requests(List.of(restored));
        commit(new RefreshedFilesCommitter(out.toString()), requests);
        assertThat(requests).extracting(r -> r.outcome).containsExactly("committed");
        assertThat(files()).containsExactly("policies/workloads/prod/shop/orders.tf");
    }

    @Test
    void aLaterCheckpointReplacesTheFileAndAnOlderRetryDoesNotBringItBack() throws Exception {
        var writer = new RefreshedFilesWriter(out.toString());
        var committer = new RefreshedFilesCommitter(out.toString());
        writer.write(RefreshedFile.of("policies/roles/1/a.json", "first"), null);
        Collection<PendingFile> first = writer.prepareCommit();
        commit(committer, requests(first));
        writer.write(RefreshedFile.of("policies/roles/1/a.json", "second"), null);
        commit(committer, requests(writer.prepareCommit()));

        List<Request> retry = requests(first);
        commit(committer, retry);
        assertThat(retry).extracting(r -> r.outcome).containsExactly("already committed");
        assertThat(Files.readString(out.resolve("policies/roles/1/a.json"))).isEqualTo("second");
        assertThat(files()).containsExactly("policies/roles/1/a.json");
    }

    @Test
    void aCommittableWhoseFilesAreBothGoneFailsWithItsReason() throws Exception {
        List<Request> requests = requests(List.of(new PendingFile("rbac/x/y.yaml", "rbac/x/.y.yaml.1.staged")));
        commit(new RefreshedFilesCommitter(out.toString()), requests);
        assertThat(requests.get(0).outcome).startsWith("failed: staged file").contains("was never written");
    }
}
