package io.trailtailor.flink.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Writes whole files under {@code --out} through Flink's file systems, so a task on a cluster writes to the shared
 * file system the output lives on (local, HDFS, S3), not to its own disk. Existing files are overwritten.
 */
final class OutputFiles {

    private OutputFiles() {}

    static void write(String outDir, String relativePath, String content) throws IOException {
        Path file = new Path(new Path(outDir), relativePath);
        FileSystem fs = file.getFileSystem();
        Path parent = file.getParent();
        if (parent != null && !fs.isDistributedFS()) {
            fs.mkdirs(parent);
        }
        try (OutputStream os = fs.create(file, FileSystem.WriteMode.OVERWRITE)) {
            os.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
