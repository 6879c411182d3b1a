package io.trailtailor.flink.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The committing half of {@link RefreshedFilesSink}: once a checkpoint is complete (or the input is over in BATCH),
 * renames each staged file into place, replacing the previous version. Idempotent: a retried or restored
 * committable whose staged file is gone while its target exists was already committed.
 */
final class RefreshedFilesCommitter implements Committer<PendingFile> {

    private final Path outDir;

    RefreshedFilesCommitter(String outDir) {
        this.outDir = new Path(outDir);
    }

    @Override
    public void commit(Collection<CommitRequest<PendingFile>> requests) throws IOException {
        for (CommitRequest<PendingFile> request : requests) {
            PendingFile file = request.getCommittable();
            Path staged = new Path(outDir, file.staged());
            Path target = new Path(outDir, file.path());
            FileSystem fs = target.getFileSystem();
            if (!fs.exists(staged)) {
                if (fs.exists(target)) {
                    request.signalAlreadyCommitted();
                } else {
                    request.signalFailedWithKnownReason(
                            new IOException("staged file " + staged + " is gone and " + target + " was never written"));
                }
                continue;
            }
            moveIntoPlace(fs, staged, target);
        }
    }

    /** Atomic on a local disk (readers see the old file or the new one, never half of one); copy + delete on S3. */
    private static void moveIntoPlace(FileSystem fs, Path staged, Path target) throws IOException {
        if (!fs.isDistributedFS() && "file".equals(fs.getUri().getScheme())) {
            Files.move(
                    Paths.get(staged.makeQualified(fs).toUri()),
                    Paths.get(target.makeQualified(fs).toUri()),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(staged, target)) {
            throw new IOException("could not rename " + staged + " to " + target);
        }
    }

    @Override
    public void close() {}
}
