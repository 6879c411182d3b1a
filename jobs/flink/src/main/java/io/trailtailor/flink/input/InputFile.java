package io.trailtailor.flink.input;

import java.util.Objects;

/**
 * One log file to read: a local path or an {@code s3://} URI, with what the command line said about it. A Flink POJO
 * (public fields, no-arg constructor) so it travels between operators without Kryo.
 */
public class InputFile {

    /** Which argument named the file: it decides which counters the file adds to. */
    public enum Kind {
        CLOUDTRAIL,
        AUDIT
    }

    public String uri;
    public long size;
    public Kind kind;
    /** The cluster named by {@code --k8s-audit CLUSTER=SRC}, or null. */
    public String cluster;

    public InputFile() {}

    public InputFile(String uri, long size, Kind kind, String cluster) {
        this.uri = uri;
        this.size = size;
        this.kind = kind;
        this.cluster = cluster;
    }

    public boolean isS3() {
        return uri.startsWith("s3://");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputFile f
                && size == f.size
                && Objects.equals(uri, f.uri)
                && kind == f.kind
                && Objects.equals(cluster, f.cluster);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, size, kind, cluster);
    }

    @Override
    public String toString() {
        return uri;
    }
}
