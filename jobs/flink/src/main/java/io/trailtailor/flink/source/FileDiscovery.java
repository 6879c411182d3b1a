package io.trailtailor.flink.source;

import io.trailtailor.flink.input.InputFile;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * How {@code monitor} learns of new log files: by listing directories and S3 prefixes (layout-aware, bounded memory),
 * or from S3 event notifications on SQS. The continuous source's enumerator calls {@link #poll} every
 * {@code --discovery-interval}, checkpoints {@link #snapshot} with the splits it has not handed out, and tells it when
 * a checkpoint is complete (an SQS discovery deletes the messages that checkpoint covers, never earlier).
 *
 * <p>Implementations keep bounded state: per-prefix high-water marks and a window of recent names, never every path
 * ever seen. A file still being written (hidden, temporary, or still growing) is not returned until it is complete.
 */
public interface FileDiscovery extends Serializable, AutoCloseable {

    /** Files that appeared since the last poll; never one this discovery returned before within its window. */
    List<InputFile> poll() throws IOException;

    /** This discovery's state as of checkpoint {@code checkpointId}, to be given back to {@link #restore}. */
    byte[] snapshot(long checkpointId) throws IOException;

    /** Continues from a state {@link #snapshot} returned (called before the first poll after a restart). */
    void restore(byte[] state) throws IOException;

    /** Checkpoint {@code checkpointId} is durable: what it covers may be acknowledged at the source. */
    default void checkpointComplete(long checkpointId) throws IOException {}

    @Override
    default void close() throws IOException {}
}
