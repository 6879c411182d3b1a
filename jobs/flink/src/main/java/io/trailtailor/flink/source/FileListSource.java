package io.trailtailor.flink.source;

import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.stream.EventTime;
import io.trailtailor.flink.stream.LogStreams;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A listed set of files as the pipeline's input, for {@code analyze}: a bounded {@link LogFileSource} (files handed
 * to readers as they free up, largest first), records at their event time, counters kept by {@link SplitLogRecords}.
 */
public final class FileListSource {

    private FileListSource() {}

    public static LogStreams read(
            StreamExecutionEnvironment env, List<InputFile> files, AnalyzeOptions options, EventTime time) {
        return LogFileSources.bounded(env, files, options, time);
    }
}
