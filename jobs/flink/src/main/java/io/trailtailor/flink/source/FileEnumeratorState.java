package io.trailtailor.flink.source;

import java.util.List;

/**
 * What the enumerator checkpoints: the files not yet handed to a reader and, for a continuous source, its discovery's
 * own state (null for a listed source). Files a reader holds are in that reader's state, not here.
 */
public record FileEnumeratorState(List<FileSplit> unassigned, byte[] discovery) {

    public FileEnumeratorState {
        unassigned = List.copyOf(unassigned);
    }
}
