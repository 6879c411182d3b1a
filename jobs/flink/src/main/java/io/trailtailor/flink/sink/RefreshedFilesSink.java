package io.trailtailor.flink.sink;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Whole files under {@code --out} that the job refreshes as it learns more ({@code policies/}, {@code rbac/}),
 * written exactly once per checkpoint: the writer stages the newest content per path under a hidden name, the
 * committer renames it into place after the checkpoint completes. In BATCH this commits once, at the end of input;
 * in STREAMING after each checkpoint. Records of one path must reach one writer (key the stream by path), so that
 * the newest content is well defined.
 */
public final class RefreshedFilesSink implements Sink<RefreshedFile>, SupportsCommitter<PendingFile> {

    private final String outDir;

    public RefreshedFilesSink(String outDir) {
        this.outDir = outDir;
    }

    @Override
    public CommittingSinkWriter<RefreshedFile, PendingFile> createWriter(WriterInitContext context) {
        return new RefreshedFilesWriter(outDir);
    }

    /** Flink 1.20 still declares this abstract (it is gone in 2.x); the runtime calls the other one. */
    @Override
    @Deprecated
    public CommittingSinkWriter<RefreshedFile, PendingFile> createWriter(InitContext context) throws IOException {
        return new RefreshedFilesWriter(outDir);
    }

    @Override
    public Committer<PendingFile> createCommitter(CommitterInitContext context) {
        return new RefreshedFilesCommitter(outDir);
    }

    @Override
    public SimpleVersionedSerializer<PendingFile> getCommittableSerializer() {
        return new PendingFile.Serializer();
    }
}
