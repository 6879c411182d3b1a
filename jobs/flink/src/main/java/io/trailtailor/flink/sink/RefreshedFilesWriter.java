package io.trailtailor.flink.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The writing half of {@link RefreshedFilesSink}: keeps the newest content per path until the next checkpoint (or
 * the end of input in BATCH), then writes each file aside under a hidden staged name next to where it belongs and
 * hands the pairs to the committer. It needs no state of its own: what it holds since the last checkpoint is
 * replayed after a failure.
 */
final class RefreshedFilesWriter implements CommittingSinkWriter<RefreshedFile, PendingFile> {

    private final Path outDir;
    private final Map<String, byte[]> newest = new TreeMap<>();

    RefreshedFilesWriter(String outDir) {
        this.outDir = new Path(outDir);
    }

    @Override
    public void write(RefreshedFile file, Context context) {
        newest.put(file.path, file.content);
    }

    @Override
    public void flush(boolean endOfInput) {
        // nothing is written before prepareCommit: a file is either staged whole or not at all
    }

    @Override
    public Collection<PendingFile> prepareCommit() throws IOException {
        List<PendingFile> pending = new ArrayList<>(newest.size());
        for (Map.Entry<String, byte[]> e : newest.entrySet()) {
            String staged = stagedName(e.getKey());
            Path file = new Path(outDir, staged);
            FileSystem fs = file.getFileSystem();
            Path parent = file.getParent();
            if (parent != null && !fs.isDistributedFS()) {
                fs.mkdirs(parent);
            }
            try (OutputStream os = fs.create(file, FileSystem.WriteMode.OVERWRITE)) {
                os.write(e.getValue());
            }
            pending.add(new PendingFile(e.getKey(), staged));
        }
        newest.clear();
        return pending;
    }

    /** {@code dir/.name.<random>.staged}: hidden (the output's readers skip dot files) and unique per checkpoint. */
    static String stagedName(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        return dir + "." + path.substring(slash + 1) + "." + UUID.randomUUID() + ".staged";
    }

    @Override
    public void close() {
        newest.clear();
    }
}
