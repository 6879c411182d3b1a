package io.trailtailor.flink.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Writes whole files under {@code --out} through Flink's file systems, so a task on a cluster writes to the shared
 * file system the output lives on (local, HDFS, S3), not to its own disk. An existing file is overwritten: it can only
 * be one this run wrote, because before the job the driver removed the last run's files and refused to start if a
 * file no manifest lists sat at a path of this shape ({@link io.trailtailor.flink.output.OwnedOutputs}).
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
