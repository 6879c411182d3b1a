package io.trailtailor.flink.source.kinesis;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Writes a {@link ShardSplit} into checkpoints in a fixed, versioned layout (no Java serialization, no Kryo). */
public final class ShardSplitSerializer implements SimpleVersionedSerializer<ShardSplit> {

    public static final ShardSplitSerializer INSTANCE = new ShardSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(ShardSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public ShardSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown shard split version " + version);
        }
        return read(new DataInputDeserializer(bytes));
    }

    static void write(ShardSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.streamArn());
        out.writeUTF(split.shardId());
        out.writeBoolean(split.sequenceNumber() != null);
        if (split.sequenceNumber() != null) {
            out.writeUTF(split.sequenceNumber());
        }
    }

    static ShardSplit read(DataInputView in) throws IOException {
        String arn = in.readUTF();
        String shard = in.readUTF();
        return new ShardSplit(arn, shard, in.readBoolean() ? in.readUTF() : null);
    }
}
