package io.trailtailor.flink.source;

import io.trailtailor.flink.input.InputFile;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One log file as a unit of source work, with how many of its records were already emitted: a reader restored from a
 * checkpoint reads the file again and skips exactly that many, so each record is emitted once.
 *
 * @param recordsEmitted the file's records (including its closing figures) emitted before the checkpoint
 */
public record FileSplit(InputFile file, long recordsEmitted) implements SourceSplit {

    public static FileSplit of(InputFile file) {
        return new FileSplit(file, 0);
    }

    /** The file's URI: after listing, a file is named by one source only. */
    @Override
    public String splitId() {
        return file.uri;
    }

    @Override
    public String toString() {
        return file.uri + " (from record " + recordsEmitted + ")";
    }
}
