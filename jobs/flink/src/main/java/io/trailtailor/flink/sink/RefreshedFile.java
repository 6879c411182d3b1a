package io.trailtailor.flink.sink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One whole output file as the job means it to be now: its path relative to {@code --out} and its bytes. A later
 * record for the same path replaces the earlier one (policies and RBAC grow as usage does). A Flink POJO (a string
 * and a byte array: no Kryo).
 */
public class RefreshedFile {

    public String path;
    public byte[] content;

    public RefreshedFile() {}

    public static RefreshedFile of(String path, String content) {
        RefreshedFile f = new RefreshedFile();
        f.path = path;
        f.content = content.getBytes(StandardCharsets.UTF_8);
        return f;
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RefreshedFile f && Objects.equals(path, f.path) && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return path + " (" + (content == null ? 0 : content.length) + " bytes)";
    }
}
