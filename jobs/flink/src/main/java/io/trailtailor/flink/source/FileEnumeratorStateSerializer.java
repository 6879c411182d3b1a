package io.trailtailor.flink.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Writes a {@link FileEnumeratorState} into checkpoints in a fixed, versioned layout. */
public final class FileEnumeratorStateSerializer implements SimpleVersionedSerializer<FileEnumeratorState> {

    public static final FileEnumeratorStateSerializer INSTANCE = new FileEnumeratorStateSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(FileEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeInt(state.unassigned().size());
        for (FileSplit split : state.unassigned()) {
            FileSplitSerializer.write(split, out);
        }
        out.writeBoolean(state.discovery() != null);
        if (state.discovery() != null) {
            out.writeInt(state.discovery().length);
            out.write(state.discovery());
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public FileEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown file enumerator state version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        int n = in.readInt();
        List<FileSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            splits.add(FileSplitSerializer.read(in));
        }
        byte[] discovery = null;
        if (in.readBoolean()) {
            discovery = new byte[in.readInt()];
            in.readFully(discovery);
        }
        return new FileEnumeratorState(splits, discovery);
    }
}
