package io.trailtailor.flink.source;

/** A split being read: its file and the running count of records emitted, mutated only by the task thread. */
final class FileSplitState {

    private final FileSplit split;
    private long emitted;

    FileSplitState(FileSplit split) {
        this.split = split;
        this.emitted = split.recordsEmitted();
    }

    void emitted() {
        emitted++;
    }

    FileSplit toSplit() {
        return new FileSplit(split.file(), emitted);
    }
}
