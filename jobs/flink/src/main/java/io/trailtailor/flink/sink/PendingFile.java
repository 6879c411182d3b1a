package io.trailtailor.flink.sink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A file written aside at a checkpoint and not yet in place: the committable of {@link RefreshedFilesSink}. Both
 * paths are relative to the output directory, so a committable stays valid wherever that directory is mounted.
 *
 * @param path where the file belongs
 * @param staged the hidden file holding its content until the checkpoint completes
 */
public record PendingFile(String path, String staged) {

    /** How pending files are kept in the committer's checkpointed state (version 1: two UTF strings). */
    public static final class Serializer implements SimpleVersionedSerializer<PendingFile> {

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(PendingFile file) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(file.path());
                out.writeUTF(file.staged());
            }
            return bytes.toByteArray();
        }

        @Override
        public PendingFile deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown pending-file version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return new PendingFile(in.readUTF(), in.readUTF());
            }
        }
    }
}
