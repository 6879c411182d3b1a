package io.trailtailor.flink.source;

import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.stream.LogRecord;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/**
 * A source subtask: asks the enumerator for one file at a time (so files spread over readers as they free up),
 * emits each record with the per-split output (per-file watermarks) and counts what it emitted into the split state.
 */
final class LogFileSourceReader
        extends SingleThreadMultiplexSourceReaderBase<LogRecord, LogRecord, FileSplit, FileSplitState> {

    LogFileSourceReader(SourceReaderContext context, S3Settings s3Settings) {
        super(
                () -> new LogFileSplitReader(s3Settings),
                (record, output, state) -> {
                    output.collect(record);
                    state.emitted();
                },
                new Configuration(),
                context);
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, FileSplitState> finished) {
        context.sendSplitRequest();
    }

    @Override
    protected FileSplitState initializedState(FileSplit split) {
        return new FileSplitState(split);
    }

    @Override
    protected FileSplit toSplitType(String splitId, FileSplitState state) {
        return state.toSplit();
    }
}
