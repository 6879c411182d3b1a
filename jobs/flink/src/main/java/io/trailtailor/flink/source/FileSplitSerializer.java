package io.trailtailor.flink.source;

import io.trailtailor.flink.input.InputFile;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Writes a {@link FileSplit} into checkpoints in a fixed, versioned layout (no Java serialization, no Kryo). */
public final class FileSplitSerializer implements SimpleVersionedSerializer<FileSplit> {

    public static final FileSplitSerializer INSTANCE = new FileSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(FileSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public FileSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown file split version " + version);
        }
        return read(new DataInputDeserializer(bytes));
    }

    static void write(FileSplit split, DataOutputView out) throws IOException {
        InputFile f = split.file();
        out.writeUTF(f.uri);
        out.writeLong(f.size);
        out.writeLong(f.lastModified);
        out.writeUTF(f.kind.name());
        out.writeBoolean(f.cluster != null);
        if (f.cluster != null) {
            out.writeUTF(f.cluster);
        }
        out.writeLong(split.recordsEmitted());
    }

    static FileSplit read(DataInputView in) throws IOException {
        String uri = in.readUTF();
        long size = in.readLong();
        long modified = in.readLong();
        InputFile.Kind kind = InputFile.Kind.valueOf(in.readUTF());
        String cluster = in.readBoolean() ? in.readUTF() : null;
        return new FileSplit(new InputFile(uri, size, kind, cluster).modifiedAt(modified), in.readLong());
    }
}
