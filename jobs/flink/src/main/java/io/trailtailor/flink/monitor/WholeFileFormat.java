package io.trailtailor.flink.monitor;

import io.trailtailor.flink.input.InputFile;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;

/**
 * A "format" that reads nothing: each discovered file becomes one {@link InputFile} (path, size, which option named
 * it), and {@code ReadLogFiles} downstream reads it whole with every envelope and gzip rule of {@code analyze}. The
 * split's position says whether that one element was already emitted, so a restored split is not handed on twice.
 */
final class WholeFileFormat implements BulkFormat<InputFile, FileSourceSplit> {

    private final InputFile.Kind kind;
    private final String cluster;

    WholeFileFormat(InputFile.Kind kind, String cluster) {
        this.kind = kind;
        this.cluster = cluster;
    }

    @Override
    public Reader<InputFile> createReader(Configuration config, FileSourceSplit split) {
        return new OneElement(split, false);
    }

    @Override
    public Reader<InputFile> restoreReader(Configuration config, FileSourceSplit split) {
        boolean emitted = split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L)
                > 0;
        return new OneElement(split, emitted);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<InputFile> getProducedType() {
        return TypeInformation.of(InputFile.class);
    }

    private final class OneElement implements Reader<InputFile> {
        private final FileSourceSplit split;
        private boolean emitted;

        OneElement(FileSourceSplit split, boolean emitted) {
            this.split = split;
            this.emitted = emitted;
        }

        @Override
        public RecordIterator<InputFile> readBatch() {
            if (emitted) {
                return null;
            }
            emitted = true;
            SingletonResultIterator<InputFile> one = new SingletonResultIterator<>();
            one.set(
                    new InputFile(split.path().getPath(), split.fileSize(), kind, cluster),
                    CheckpointedPosition.NO_OFFSET,
                    1);
            return one;
        }

        @Override
        public void close() throws IOException {}
    }
}
