package io.trailtailor.flink.source.kinesis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** The enumerator's checkpoint in a fixed, versioned layout. */
public final class ShardEnumeratorStateSerializer implements SimpleVersionedSerializer<ShardEnumeratorState> {

    public static final ShardEnumeratorStateSerializer INSTANCE = new ShardEnumeratorStateSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(ShardEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.assignedShards().size());
        for (String shard : state.assignedShards()) {
            out.writeUTF(shard);
        }
        out.writeInt(state.unassigned().size());
        for (ShardSplit split : state.unassigned()) {
            ShardSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public ShardEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown shard enumerator state version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        Set<String> assigned = new LinkedHashSet<>();
        for (int i = in.readInt(); i > 0; i--) {
            assigned.add(in.readUTF());
        }
        List<ShardSplit> unassigned = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            unassigned.add(ShardSplitSerializer.read(in));
        }
        return new ShardEnumeratorState(assigned, unassigned);
    }
}
