package io.trailtailor.flink.source;

import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.stream.LogRecord;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Log files (local or {@code s3://}) as a FLIP-27 source of {@link LogRecord}s: one split per file, read record by
 * record, each file closed by its {@link io.trailtailor.flink.stream.FileCounts}. Bounded over a listing for
 * {@code analyze}; continuous over a {@link FileDiscovery} for {@code monitor}. Split state is the number of records
 * already emitted, so a restore from a checkpoint emits every record exactly once.
 */
public final class LogFileSource
        implements Source<LogRecord, FileSplit, FileEnumeratorState>, ResultTypeQueryable<LogRecord> {

    private final List<InputFile> files;
    private final FileDiscovery discovery;
    private final Duration discoveryInterval;
    private final S3Settings s3Settings;

    private LogFileSource(
            List<InputFile> files, FileDiscovery discovery, Duration discoveryInterval, S3Settings s3Settings) {
        this.files = files;
        this.discovery = discovery;
        this.discoveryInterval = discoveryInterval;
        this.s3Settings = s3Settings == null ? S3Settings.defaults() : s3Settings;
    }

    /** The listed files, largest first (so round-robin hands every reader a similar amount of work). */
    public static LogFileSource bounded(List<InputFile> files, S3Settings s3Settings) {
        List<InputFile> ordered = files.stream()
                .sorted(Comparator.comparingLong((InputFile f) -> -f.size).thenComparing(f -> f.uri))
                .toList();
        return new LogFileSource(ordered, null, null, s3Settings);
    }

    public static LogFileSource bounded(List<InputFile> files) {
        return bounded(files, S3Settings.defaults());
    }

    /** Whatever {@code discovery} finds, polled every {@code discoveryInterval}, without end. */
    public static LogFileSource continuous(FileDiscovery discovery, Duration discoveryInterval, S3Settings s3Settings) {
        if (discoveryInterval.isNegative() || discoveryInterval.isZero()) {
            throw new IllegalArgumentException("the discovery interval must be positive, not " + discoveryInterval);
        }
        return new LogFileSource(null, discovery, discoveryInterval, s3Settings);
    }

    public static LogFileSource continuous(FileDiscovery discovery, Duration discoveryInterval) {
        return continuous(discovery, discoveryInterval, S3Settings.defaults());
    }

    @Override
    public Boundedness getBoundedness() {
        return discovery == null ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<FileSplit, FileEnumeratorState> createEnumerator(SplitEnumeratorContext<FileSplit> context) {
        if (discovery == null) {
            return new ListedFilesEnumerator(
                    context, files.stream().map(FileSplit::of).toList());
        }
        return new DiscoveringEnumerator(context, discovery, discoveryInterval, List.of());
    }

    @Override
    public SplitEnumerator<FileSplit, FileEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<FileSplit> context, FileEnumeratorState state) throws Exception {
        if (discovery == null) {
            return new ListedFilesEnumerator(context, state.unassigned());
        }
        if (state.discovery() != null) {
            discovery.restore(state.discovery());
        }
        return new DiscoveringEnumerator(context, discovery, discoveryInterval, state.unassigned());
    }

    @Override
    public SourceReader<LogRecord, FileSplit> createReader(SourceReaderContext context) {
        return new LogFileSourceReader(context, s3Settings);
    }

    @Override
    public SimpleVersionedSerializer<FileSplit> getSplitSerializer() {
        return FileSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<FileEnumeratorState> getEnumeratorCheckpointSerializer() {
        return FileEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<LogRecord> getProducedType() {
        return TypeInformation.of(LogRecord.class);
    }
}
